package io.synthkit.spi;

/** Who speaks a chat message. */
public enum Role {
  /** Instructions that frame the conversation. */
  SYSTEM,
  /** The request. */
  USER,
  /** A model reply (used when re-asking after an invalid reply). */
  ASSISTANT;

  /**
   * Returns the wire name used by OpenAI and Anthropic.
   *
   * @return {@code system}, {@code user} or {@code assistant}
   */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
