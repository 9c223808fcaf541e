package io.synthkit.spi;

import java.util.Objects;

/**
 * One message of a chat conversation.
 *
 * @param role who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

  /** Rejects null parts. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A system message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /**
   * A user message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /**
   * An assistant message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }

  /** Who speaks a chat message. */
  public enum Role {
    /** Instructions that frame the conversation. */
    SYSTEM,
    /** The request. */
    USER,
    /** A model reply (used when re-asking after an invalid reply). */
    ASSISTANT;

    /** Computed once: every message of every request asks for it (lower-casing showed in the client's profile). */
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    /**
     * Returns the wire name used by OpenAI and Anthropic.
     *
     * @return {@code system}, {@code user} or {@code assistant}
     */
    public String wire() {
      return wire;
    }
  }
}
