package io.synthkit.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer-consistency check used for honesty data: sample several answers to one question and compute the entropy
 * H = −Σ f·ln f of their relative frequencies (natural log). A model that knows the answer repeats it (H near 0); a
 * spread of answers (H ≥ threshold) marks the question as one the model fails on. The default threshold 1.193 is the
 * value the synthkit method specification prescribes.
 *
 * <p>Answers are compared exactly; normalize them first (for example with {@code dedup.TextNormalizer}). Stateless and
 * thread-safe.
 */
public final class HonestyEntropy {

  /** Default failure threshold, in nats. */
  public static final double DEFAULT_THRESHOLD = 1.193;

  /**
   * The entropy of one answer sample and its verdict.
   *
   * @param entropy H in nats
   * @param threshold the threshold applied
   * @param failure whether H ≥ threshold
   */
  public record Result(double entropy, double threshold, boolean failure) {}

  private HonestyEntropy() {}

  /**
   * Computes H = −Σ f ln f over answer frequencies.
   *
   * @param answers sampled answers, non-empty
   * @return the entropy in nats (0 when all answers agree)
   * @throws IllegalArgumentException when there are no answers
   */
  public static double entropy(List<String> answers) {
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("entropy needs at least one answer, got 0");
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    answers.forEach(a -> counts.merge(a, 1, Integer::sum));
    double h = 0;
    for (int c : counts.values()) {
      double f = (double) c / answers.size();
      h -= f * Math.log(f);
    }
    // -0.0 for a single distinct answer reads oddly; report plain 0.
    return h == 0 ? 0.0 : h;
  }

  /**
   * Judges an answer sample with the default threshold.
   *
   * @param answers sampled answers, non-empty
   * @return entropy and verdict
   */
  public static Result evaluate(List<String> answers) {
    return evaluate(answers, DEFAULT_THRESHOLD);
  }

  /**
   * Judges an answer sample.
   *
   * @param answers sampled answers, non-empty
   * @param threshold failure when H ≥ threshold; must be non-negative
   * @return entropy and verdict
   * @throws IllegalArgumentException for no answers or a negative or NaN threshold
   */
  public static Result evaluate(List<String> answers, double threshold) {
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("threshold must be non-negative: " + threshold);
    }
    double h = entropy(answers);
    return new Result(h, threshold, h >= threshold);
  }
}
