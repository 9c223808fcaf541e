package io.synthkit.spi;

/**
 * One sampled reply.
 *
 * @param text the reply text; for tool-mode calls, the tool arguments as JSON text
 * @param finishReason the provider's reason, normalised: {@code stop}, {@code length}, {@code tool_calls},
 *     {@code content_filter} or what the server said
 */
public record Choice(String text, String finishReason) {

  /**
   * Tells whether the reply was cut off by the token limit.
   *
   * @return true for finish reason {@code length}
   */
  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
