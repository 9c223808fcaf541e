package io.synthkit.method.aide;

import java.util.List;

/** How a candidate left the self-reflection loop. */
sealed interface Verdict {

  /**
   * The candidate goes on to annotation.
   *
   * @param question the final question (improved and shortened as needed)
   * @param grades every grade it received, in order (empty when reflection is off)
   * @param accepted false when it was never graded above the threshold and {@code keep_unaccepted} kept it
   */
  record Passed(String question, List<Integer> grades, boolean accepted) implements Verdict {}

  /**
   * The candidate is dropped.
   *
   * @param step {@code reflection}, {@code length} or {@code parse}
   * @param reason a one-line reason with the numbers involved
   * @param question the last version of the question
   * @param raw the last raw model output, or {@code null}
   * @param grades the grades it received
   */
  record Failed(String step, String reason, String question, String raw, List<Integer> grades) implements Verdict {}
}
