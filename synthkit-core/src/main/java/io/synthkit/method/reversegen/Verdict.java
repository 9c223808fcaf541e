package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** What an oracle concluded about one instruction: the target failed or not, or the oracle could not decide. */
sealed interface Verdict {

  /**
   * A decided instruction.
   *
   * @param failure true when the instruction induced a failure of the target
   * @param score how strongly it did (1 for a binary failure, the answer entropy for honesty); ranks steering examples
   * @param detail the oracle's evidence for the record's meta (judge verdict, entropy, gold and target answers)
   */
  record Judged(boolean failure, double score, ObjectNode detail) implements Verdict {}

  /**
   * An instruction the oracle could not label (an unreadable judge reply, no gold answer).
   *
   * @param step the rejection step, e.g. {@code judge} or {@code gold}
   * @param reason why
   * @param raw the model output involved, or {@code null}
   */
  record Undecided(String step, String reason, @Nullable String raw) implements Verdict {}
}
