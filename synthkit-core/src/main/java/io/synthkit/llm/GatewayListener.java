package io.synthkit.llm;

import java.time.Instant;

/**
 * Hears what the gateway does that a user should see: waits before retries (so progress can say "waiting until
 * 14:03:12") and what it learned about an endpoint. Called from call threads; implementations must be quick and
 * thread-safe.
 */
public interface GatewayListener {

  /** Ignores everything. */
  GatewayListener NONE = new GatewayListener() {};

  /**
   * A call waits before it retries.
   *
   * @param endpoint which endpoint, e.g. {@code openai:gpt-4o at https://...}
   * @param until when it sends again
   * @param reason the failure it waits out, e.g. {@code HTTP 429: rate limited}
   */
  default void waiting(String endpoint, Instant until, String reason) {}

  /**
   * The gateway learned something about an endpoint and applies it to every call from now on; called once per
   * adaptation.
   *
   * @param adaptation what it learned
   */
  default void adapted(Adaptation adaptation) {}
}
