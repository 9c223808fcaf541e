package io.synthkit.llm;

import io.synthkit.spi.Choice;
import java.util.List;

/**
 * What a chat call returned: one or more sampled replies and the tokens used. Serialized as is into the response
 * cache, so it holds no secrets and no request headers.
 *
 * @param model the model id the server reported
 * @param choices the replies, in the server's order
 * @param usage tokens used by the whole call
 * @param simulated true when synthkit's simulator produced it (placeholder content, never real data)
 */
public record ChatResult(String model, List<Choice> choices, TokenUsage usage, boolean simulated) {

  /** Copies the list. */
  public ChatResult {
    choices = List.copyOf(choices);
  }

  /**
   * Returns a copy marked as coming from the simulator.
   *
   * @return the copy
   */
  public ChatResult asSimulated() {
    return new ChatResult(model, choices, usage, true);
  }

  /**
   * Returns the first reply.
   *
   * @return the first choice
   * @throws IllegalStateException when the server returned none
   */
  public Choice first() {
    if (choices.isEmpty()) {
      throw new IllegalStateException("the server returned no choices");
    }
    return choices.get(0);
  }
}
