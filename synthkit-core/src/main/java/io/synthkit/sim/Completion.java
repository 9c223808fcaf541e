package io.synthkit.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A simulated reply before it is encoded for an API (as one JSON body or as a stream of events).
 *
 * @param seq the simulator's reply number (ids and timestamps derive from it)
 * @param model the model id to report
 * @param choices one per requested choice
 * @param promptTokens the prompt's token count, cached or not
 * @param cache what the provider's prompt cache read and wrote for this prompt
 */
record Completion(long seq, String model, List<Choice> choices, long promptTokens, PromptCache.Hit cache) {

  /** Why a choice ended, in neutral terms; each API names these its own way. */
  enum Finish { STOP, LENGTH, TOOL }

  /**
   * One choice.
   *
   * @param text the visible text, or the tool call's arguments as JSON text
   * @param finish why it ended
   * @param tool the tool called, or {@code null} for a text answer
   * @param reasoningTokens hidden reasoning tokens (reasoning models), counted inside {@code completionTokens}
   * @param completionTokens the visible text's tokens plus the reasoning tokens; never above the request's limit
   */
  record Choice(String text, Finish finish, ToolPlan.@Nullable Call tool, long reasoningTokens,
      long completionTokens) {}

  Completion {
    choices = List.copyOf(choices);
  }

  Completion withCache(PromptCache.Hit hit) {
    return new Completion(seq, model, choices, promptTokens, hit);
  }

  long completionTokens() {
    return choices.stream().mapToLong(Choice::completionTokens).sum();
  }

  long reasoningTokens() {
    return choices.stream().mapToLong(Choice::reasoningTokens).sum();
  }
}
