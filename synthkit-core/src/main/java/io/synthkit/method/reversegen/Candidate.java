package io.synthkit.method.reversegen;

import org.jspecify.annotations.Nullable;

/**
 * One cleaned proposer sample: the instruction, where it came from, and (honesty) its parsed question.
 *
 * @param call the proposer prompt it answers
 * @param sample the sample's index among that prompt's completions
 * @param text the instruction as the proposer wrote it (the {@code chosen}/{@code rejected} text of a pair)
 * @param mcq honesty: the parsed question, else {@code null}
 */
record Candidate(ProposerCall call, int sample, String text, @Nullable Mcq mcq) {

  /** @return the sample key prefix of this instruction's work, {@code iter/I/prompt/J/sample/S} */
  public String key() {
    return call.key() + "/sample/" + sample;
  }

  /** @return the deterministic record id, {@code rg-iI-pJ-sS} */
  public String id() {
    return "rg-i" + call.iteration() + "-p" + call.index() + "-s" + sample;
  }

  /** @return what the target is asked: the instruction, or for honesty the question without its answer */
  public String question() {
    return mcq == null ? text : mcq.withoutAnswer();
  }
}
