package io.synthkit.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hypotheses of one Self-BLEU run with their n-gram counts (distinct n-gram ids ascending plus counts, per order),
 * and the two ways {@link SelfBleu} gathers reference counts. Not thread-safe; built and used by one call.
 */
final class BleuCorpus {

  private final int maxN;
  private final int[] lengths;
  private final int[][][] keys;
  private final int[][][] counts;
  private final int[] distinct;

  BleuCorpus(List<List<String>> texts, List<Integer> hyps, int maxN) {
    this.maxN = maxN;
    int size = hyps.size();
    lengths = new int[size];
    keys = new int[size][maxN + 1][];
    counts = new int[size][maxN + 1][];
    NGramIds ids = new NGramIds(maxN);
    for (int pos = 0; pos < size; pos++) {
      List<String> text = texts.get(hyps.get(pos));
      lengths[pos] = text.size();
      int[][] grams = ids.ids(text);
      for (int k = 1; k <= maxN; k++) {
        int[][] kc = NGramIds.counts(grams[k]);
        keys[pos][k] = kc[0];
        counts[pos][k] = kc[1];
      }
    }
    distinct = new int[maxN + 1];
    for (int k = 1; k <= maxN; k++) {
      distinct[k] = ids.distinct(k);
    }
  }

  /** Scores every hypothesis against all the others. */
  double[] leaveOneOut(int[] grams) {
    int size = lengths.length;
    int[][] best = new int[maxN + 1][];
    int[][] owner = new int[maxN + 1][];
    int[][] second = new int[maxN + 1][];
    for (int k = 1; k <= maxN; k++) {
      best[k] = new int[distinct[k]];
      owner[k] = new int[distinct[k]];
      second[k] = new int[distinct[k]];
      collectTopTwo(k, best[k], owner[k], second[k]);
    }
    int[] sortedLengths = lengths.clone();
    Arrays.sort(sortedLengths);
    double[] out = new double[size];
    long[] numerators = new long[maxN + 1];
    for (int pos = 0; pos < size; pos++) {
      for (int k = 1; k <= maxN; k++) {
        long clipped = 0;
        int[] key = keys[pos][k];
        for (int i = 0; i < key.length; i++) {
          int g = key[i];
          // The largest count among the *other* texts: the runner-up when this text holds the maximum.
          int ref = owner[k][g] == pos ? second[k][g] : best[k][g];
          clipped += Math.min(counts[pos][k][i], ref);
        }
        numerators[k] = clipped;
      }
      out[pos] = mean(Bleu.score(numerators, lengths[pos], closestExcludingSelf(sortedLengths, lengths[pos]), grams));
    }
    return out;
  }

  private void collectTopTwo(int k, int[] best, int[] owner, int[] second) {
    for (int pos = 0; pos < lengths.length; pos++) {
      int[] key = keys[pos][k];
      for (int i = 0; i < key.length; i++) {
        int g = key[i];
        int c = counts[pos][k][i];
        if (c > best[g]) {
          second[g] = best[g];
          best[g] = c;
          owner[g] = pos;
        } else if (c > second[g]) {
          second[g] = c;
        }
      }
    }
  }

  /** Scores every hypothesis against {@code refs} references sampled from the other hypotheses. */
  double[] sampledReferences(int[] grams, int refs, SplittableRandom random) {
    int size = lengths.length;
    double[] out = new double[size];
    long[] numerators = new long[maxN + 1];
    for (int pos = 0; pos < size; pos++) {
      int[] picked = SelfBleu.sample(size - 1, refs, random);
      for (int i = 0; i < picked.length; i++) {
        picked[i] += picked[i] >= pos ? 1 : 0;
      }
      for (int k = 1; k <= maxN; k++) {
        numerators[k] = clippedAgainst(pos, k, picked);
      }
      out[pos] = mean(Bleu.score(numerators, lengths[pos], closest(picked, lengths[pos]), grams));
    }
    return out;
  }

  private long clippedAgainst(int pos, int k, int[] refs) {
    int[] key = keys[pos][k];
    long clipped = 0;
    for (int i = 0; i < key.length; i++) {
      int max = 0;
      for (int ref : refs) {
        int at = Arrays.binarySearch(keys[ref][k], key[i]);
        if (at >= 0) {
          max = Math.max(max, counts[ref][k][at]);
        }
      }
      clipped += Math.min(counts[pos][k][i], max);
    }
    return clipped;
  }

  private int closest(int[] refs, int c) {
    int r = -1;
    for (int ref : refs) {
      r = closerOf(r, lengths[ref], c);
    }
    return r;
  }

  /** nltk closest_ref_length over all lengths but one occurrence of c (the hypothesis itself). */
  static int closestExcludingSelf(int[] sorted, int c) {
    int lo = lowerBound(sorted, c);
    int hi = lowerBound(sorted, c + 1);
    if (hi - lo >= 2) {
      return c;
    }
    int r = lo > 0 ? sorted[lo - 1] : -1;
    return hi < sorted.length ? closerOf(r, sorted[hi], c) : r;
  }

  /** Picks between a current best length (−1 = none) and a candidate: nearer to c wins, ties go to the shorter. */
  static int closerOf(int current, int candidate, int c) {
    if (current < 0) {
      return candidate;
    }
    int dc = Math.abs(current - c);
    int dn = Math.abs(candidate - c);
    return dn < dc || (dn == dc && candidate < current) ? candidate : current;
  }

  private static int lowerBound(int[] sorted, int value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double mean(double[] values) {
    if (values.length == 1) {
      return values[0];
    }
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }
}
