package io.synthkit.metrics;

import io.synthkit.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Length statistics of a dataset, in tokens and in characters (Unicode code points, as Python's {@code len}).
 * Percentiles use numpy's default linear interpolation; the standard deviation is the population one (numpy's
 * {@code ddof=0}); the histogram has equal-width bins over [min, max] with the last bin closed, as
 * {@code numpy.histogram} (and [v−0.5, v+0.5] when all values equal v).
 *
 * <p>An empty dataset gives count 0, every statistic 0 and all-zero bins. Stateless and thread-safe.
 */
public final class LengthStats {

  /**
   * Summary of one length measure.
   *
   * @param count number of texts
   * @param min smallest length
   * @param max largest length
   * @param mean mean length
   * @param median 50th percentile
   * @param p90 90th percentile
   * @param stdev population standard deviation
   * @param histogram the length histogram
   */
  public record Summary(
      long count, double min, double max, double mean, double median, double p90, double stdev, Histogram histogram) {}

  /**
   * An equal-width histogram.
   *
   * @param edges bins+1 ascending bin edges
   * @param counts number of values per bin
   */
  public record Histogram(List<Double> edges, List<Long> counts) {}

  /**
   * Both measures.
   *
   * @param tokens lengths in tokens
   * @param characters lengths in code points
   */
  public record Report(Summary tokens, Summary characters) {}

  private LengthStats() {}

  /**
   * Measures a dataset.
   *
   * @param texts the texts
   * @param tokenizer how to count tokens
   * @param bins number of histogram bins, positive
   * @return token and character statistics
   * @throws IllegalArgumentException when bins is not positive
   */
  public static Report of(List<String> texts, Tokenizer tokenizer, int bins) {
    double[] tokens = texts.stream().mapToDouble(t -> tokenizer.tokenize(t).size()).toArray();
    double[] chars = texts.stream().mapToDouble(t -> t.codePointCount(0, t.length())).toArray();
    return new Report(summarize(tokens, bins), summarize(chars, bins));
  }

  /**
   * Summarizes arbitrary values.
   *
   * @param values the values
   * @param bins number of histogram bins, positive
   * @return the summary
   * @throws IllegalArgumentException when bins is not positive
   */
  public static Summary summarize(double[] values, int bins) {
    if (bins <= 0) {
      throw new IllegalArgumentException("bins must be positive: " + bins);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return new Summary(0, 0, 0, 0, 0, 0, 0, histogram(sorted, bins));
    }
    double mean = Arrays.stream(sorted).sum() / n;
    double squares = 0;
    for (double v : sorted) {
      squares += (v - mean) * (v - mean);
    }
    return new Summary(n, sorted[0], sorted[n - 1], mean, percentile(sorted, 50), percentile(sorted, 90),
        Math.sqrt(squares / n), histogram(sorted, bins));
  }

  /**
   * numpy's default (linear) percentile of sorted values.
   *
   * @param sorted ascending values, non-empty
   * @param q the percentile in [0,100]
   * @return the interpolated value
   */
  public static double percentile(double[] sorted, double q) {
    double pos = q / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  private static Histogram histogram(double[] sorted, int bins) {
    long[] counts = new long[bins];
    double lo = sorted.length == 0 ? 0 : sorted[0];
    double hi = sorted.length == 0 ? 1 : sorted[sorted.length - 1];
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    List<Double> edges = new ArrayList<>(bins + 1);
    for (int b = 0; b <= bins; b++) {
      edges.add(lo + (hi - lo) * b / bins);
    }
    for (double v : sorted) {
      int b = (int) ((v - lo) / (hi - lo) * bins);
      counts[Math.min(Math.max(b, 0), bins - 1)]++;
    }
    return new Histogram(List.copyOf(edges), Arrays.stream(counts).boxed().toList());
  }
}
