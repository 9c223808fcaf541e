package io.synthkit.metrics;

/**
 * Sentence-BLEU arithmetic of nltk 3.8 with {@code SmoothingFunction().method1} (metrics.md §2), given the clipped
 * n-gram counts. Kept apart from {@link SelfBleu} so the arithmetic can be read against nltk line by line.
 */
final class Bleu {

  /** nltk's method1 epsilon: a zero numerator becomes 0.1/denominator. */
  static final double EPSILON = 0.1;

  private Bleu() {}

  /**
   * Scores one hypothesis for several uniform weightings.
   *
   * @param numerators clipped match counts, index k = 1..maxN (index 0 unused)
   * @param hypLen number of hypothesis tokens
   * @param closestRefLen the reference length closest to hypLen, ties to the shorter
   * @param grams the n of each BLEU-n wanted, each ≤ maxN
   * @return BLEU-n for each entry of grams
   */
  static double[] score(long[] numerators, int hypLen, int closestRefLen, int[] grams) {
    double[] out = new double[grams.length];
    // nltk returns 0 before smoothing when no unigram matches.
    if (numerators[1] == 0) {
      return out;
    }
    double[] logP = new double[numerators.length];
    for (int k = 1; k < numerators.length; k++) {
      long denominator = Math.max(1, hypLen - k + 1);
      double p = numerators[k] == 0 ? EPSILON / denominator : (double) numerators[k] / denominator;
      logP[k] = Math.log(p);
    }
    double bp = brevityPenalty(closestRefLen, hypLen);
    for (int g = 0; g < grams.length; g++) {
      int n = grams[g];
      double w = 1.0 / n;
      double[] terms = new double[n];
      for (int k = 1; k <= n; k++) {
        terms[k - 1] = w * logP[k];
      }
      out[g] = bp * Math.exp(fsum(terms));
    }
    return out;
  }

  /** nltk's brevity penalty: 1 when c &gt; r (so also when c == r gives exp(0) = 1), 0 when c == 0. */
  static double brevityPenalty(int r, int c) {
    if (c > r) {
      return 1;
    }
    if (c == 0) {
      return 0;
    }
    return Math.exp(1 - (double) r / c);
  }

  /**
   * Correctly rounded sum, as Python's {@code math.fsum} (Shewchuk's partials, then round-half-even of the exact sum);
   * nltk sums the weighted log precisions with it.
   */
  static double fsum(double[] values) {
    double[] partials = new double[values.length + 1];
    int n = 0;
    for (double v : values) {
      double x = v;
      int i = 0;
      for (int j = 0; j < n; j++) {
        double y = partials[j];
        if (Math.abs(x) < Math.abs(y)) {
          double t = x;
          x = y;
          y = t;
        }
        double hi = x + y;
        double lo = y - (hi - x);
        if (lo != 0.0) {
          partials[i++] = lo;
        }
        x = hi;
      }
      partials[i] = x;
      n = i + 1;
    }
    return roundPartials(partials, n);
  }

  private static double roundPartials(double[] partials, int count) {
    if (count == 0) {
      return 0.0;
    }
    int n = count - 1;
    double hi = partials[n];
    double lo = 0;
    while (n > 0) {
      double x = hi;
      double y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0.0) {
        break;
      }
    }
    // Round half to even when the remaining partials push the tail past the halfway point.
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return hi;
  }
}
