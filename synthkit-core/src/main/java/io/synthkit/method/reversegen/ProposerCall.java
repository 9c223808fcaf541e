package io.synthkit.method.reversegen;

import io.synthkit.spi.Prompt;
import java.util.List;

/**
 * One proposer prompt of an iteration.
 *
 * @param iteration 1-based iteration
 * @param index the prompt's index within the iteration
 * @param prompt the rendered prompt
 * @param next the number of the open slot the proposer fills
 * @param parents ids of the instructions shown (seeds, and for in-context steering earlier records)
 */
record ProposerCall(int iteration, int index, Prompt prompt, int next, List<String> parents) {

  /** Copies the list. */
  public ProposerCall {
    parents = List.copyOf(parents);
  }

  /** @return the sample key prefix of this prompt's work, {@code iter/I/prompt/J} */
  public String key() {
    return "iter/" + iteration + "/prompt/" + index;
  }
}
