package io.synthkit.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Corpus-level distinct-n (Li et al. 2016, reported by Data Advisor Fig. 5; metrics.md §1): the number of distinct
 * n-grams divided by the number of n-gram occurrences, over all texts together. N-grams never cross text boundaries and
 * a text shorter than n contributes nothing. When there are no n-grams at all the ratio 0/0 is reported as 0.
 *
 * <p>This is not Texygen's {@code UniqueGram}, which divides by the number of texts. Case-sensitive: lowercase in the
 * tokenizer if wanted. Stateless and thread-safe.
 */
public final class DistinctN {

  /** The largest n supported, as in the papers' tables. */
  public static final int MAX_N = 5;

  /**
   * One distinct-n ratio with its counts.
   *
   * @param n the n-gram order
   * @param unique number of distinct n-grams
   * @param total number of n-gram occurrences
   */
  public record Ratio(int n, long unique, long total) {
    /**
     * Returns unique/total, or 0 when there are no n-grams.
     *
     * @return the distinct-n value in [0,1]
     */
    public double value() {
      return total == 0 ? 0.0 : (double) unique / total;
    }
  }

  private DistinctN() {}

  /**
   * Computes distinct-n for one n.
   *
   * @param texts tokenized texts
   * @param n the order, 1..{@value #MAX_N}
   * @return the ratio
   * @throws IllegalArgumentException when n is out of range
   */
  public static Ratio of(List<List<String>> texts, int n) {
    return upTo(texts, n).get(n - 1);
  }

  /**
   * Computes distinct-1 .. distinct-maxN in one pass.
   *
   * @param texts tokenized texts
   * @param maxN the largest order, 1..{@value #MAX_N}
   * @return ratios for n = 1..maxN, in order
   * @throws IllegalArgumentException when maxN is out of range
   */
  public static List<Ratio> upTo(List<List<String>> texts, int maxN) {
    if (maxN < 1 || maxN > MAX_N) {
      throw new IllegalArgumentException("n must be in 1.." + MAX_N + ": " + maxN);
    }
    NGramIds ids = new NGramIds(maxN);
    long[] totals = new long[maxN + 1];
    for (List<String> text : texts) {
      int[][] grams = ids.ids(text);
      for (int k = 1; k <= maxN; k++) {
        totals[k] += grams[k].length;
      }
    }
    List<Ratio> out = new ArrayList<>(maxN);
    for (int k = 1; k <= maxN; k++) {
      out.add(new Ratio(k, ids.distinct(k), totals[k]));
    }
    return out;
  }
}
