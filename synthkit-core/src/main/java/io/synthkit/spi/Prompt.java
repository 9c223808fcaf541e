package io.synthkit.spi;

import io.synthkit.spi.ChatMessage.Role;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable conversation to send to a model: usually a system message and a user message rendered from a template
 * (see {@link io.synthkit.spi.PromptLibrary}).
 *
 * @param messages the messages in order; at least one
 */
public record Prompt(List<ChatMessage> messages) {

  /** Copies the list and checks it is not empty. */
  public Prompt {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs at least one message");
    }
  }

  /**
   * A prompt with an optional system message and one user message.
   *
   * @param system the system text, or {@code null}/blank for none
   * @param user the user text
   * @return the prompt
   */
  public static Prompt of(@Nullable String system, String user) {
    List<ChatMessage> list = new ArrayList<>(2);
    if (system != null && !system.isBlank()) {
      list.add(ChatMessage.system(system));
    }
    list.add(ChatMessage.user(user));
    return new Prompt(list);
  }

  /**
   * A prompt with only a user message.
   *
   * @param user the user text
   * @return the prompt
   */
  public static Prompt user(String user) {
    return of(null, user);
  }

  /**
   * Returns this conversation followed by a model reply and a new user turn; used to re-ask after an invalid reply.
   *
   * @param assistantReply what the model answered
   * @param userFollowUp the next user message
   * @return the longer prompt
   */
  public Prompt followUp(String assistantReply, String userFollowUp) {
    List<ChatMessage> list = new ArrayList<>(messages);
    list.add(ChatMessage.assistant(assistantReply));
    list.add(ChatMessage.user(userFollowUp));
    return new Prompt(list);
  }

  /**
   * Returns a copy whose last user message has text appended (used for schema instructions in prompt mode).
   *
   * @param text the text to append after a blank line
   * @return the new prompt
   */
  public Prompt appendToLastUser(String text) {
    List<ChatMessage> list = new ArrayList<>(messages);
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).role() == Role.USER) {
        list.set(i, ChatMessage.user(list.get(i).content() + "\n\n" + text));
        return new Prompt(list);
      }
    }
    list.add(ChatMessage.user(text));
    return new Prompt(list);
  }

  /**
   * Returns the system message text, or an empty string.
   *
   * @return the joined system messages
   */
  public String systemText() {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      if (m.role() == Role.SYSTEM) {
        sb.append(sb.isEmpty() ? "" : "\n\n").append(m.content());
      }
    }
    return sb.toString();
  }

  /**
   * Returns the last user message text.
   *
   * @return the text, or an empty string
   */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        return messages.get(i).content();
      }
    }
    return "";
  }
}
