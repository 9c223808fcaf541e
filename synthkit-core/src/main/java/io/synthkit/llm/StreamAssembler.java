package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.http.SseEvents;
import org.jspecify.annotations.Nullable;

/**
 * Puts a streamed reply back together as the body the same request would have got without streaming, so the adapter
 * decodes both the same way. One per stream; not thread-safe.
 */
interface StreamAssembler extends SseEvents.Listener {

  /**
   * Returns the reply as a non-streamed body.
   *
   * @return the body; only meaningful when {@link #problem()} is {@code null}
   */
  JsonNode body();

  /**
   * Tells why the stream cannot be used.
   *
   * @return an error event, a malformed chunk or an early end, or {@code null} when the stream is complete
   */
  @Nullable String problem();

  /**
   * Tells whether the stream ended with an overload error (which lowers the endpoint's concurrency).
   *
   * @return true for Anthropic's {@code overloaded_error} and the like
   */
  boolean overloaded();
}
