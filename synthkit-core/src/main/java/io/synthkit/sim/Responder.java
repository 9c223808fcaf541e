package io.synthkit.sim;

import org.jspecify.annotations.Nullable;

/**
 * Scripts the simulator's replies for tests: return a {@link SimResponse} to answer a request, or {@code null} to let
 * the simulator answer it with schema-valid placeholder content. Called concurrently; implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface Responder {

  /**
   * Answers a request.
   *
   * @param request the decoded request
   * @return the reply, or {@code null} for the default behaviour
   */
  @Nullable SimResponse respond(SimRequest request);
}
