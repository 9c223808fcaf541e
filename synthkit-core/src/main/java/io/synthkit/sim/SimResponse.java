package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A scripted simulator reply: one or more reply texts, or an HTTP error.
 *
 * @param texts reply texts, one per choice (repeated to fill {@code n})
 * @param finishReason {@code stop} or {@code length}
 * @param status the HTTP status; 200 for a normal reply
 * @param retryAfterSeconds the Retry-After header for 429/503, or {@code null}
 * @param delayMs extra delay before answering
 */
public record SimResponse(List<String> texts, String finishReason, int status, @Nullable Integer retryAfterSeconds,
    int delayMs) {

  /** Copies the list. */
  public SimResponse {
    texts = List.copyOf(texts);
  }

  /**
   * A text reply.
   *
   * @param text the reply
   * @return the response
   */
  public static SimResponse text(String text) {
    return new SimResponse(List.of(text), "stop", 200, null, 0);
  }

  /**
   * Several text replies (for {@code n > 1}).
   *
   * @param texts the replies
   * @return the response
   */
  public static SimResponse texts(List<String> texts) {
    return new SimResponse(texts, "stop", 200, null, 0);
  }

  /**
   * A JSON reply (sent as the message text, or as tool arguments when a tool was requested).
   *
   * @param value the value
   * @return the response
   */
  public static SimResponse json(Object value) {
    return text(value instanceof JsonNode n ? Json.write(n) : Json.write(value));
  }

  /**
   * A reply cut off by the token limit.
   *
   * @param text the partial text
   * @return the response
   */
  public static SimResponse truncated(String text) {
    return new SimResponse(List.of(text), "length", 200, null, 0);
  }

  /**
   * An HTTP error, sent in the API's own error shape (OpenAI's or Anthropic's body, with rate-limit headers on a 429).
   *
   * @param status the status code
   * @param retryAfterSeconds the Retry-After header, or {@code null}
   * @return the response
   */
  public static SimResponse error(int status, @Nullable Integer retryAfterSeconds) {
    return new SimResponse(List.of(), "stop", status, retryAfterSeconds, 0);
  }

  /**
   * Returns a copy that answers after a delay.
   *
   * @param ms the delay in milliseconds
   * @return the copy
   */
  public SimResponse delayed(int ms) {
    return new SimResponse(texts, finishReason, status, retryAfterSeconds, ms);
  }
}
