package io.synthkit.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling of indices, so a sampled metric is the same every time it is computed on the same data. */
final class Samples {

  private Samples() {}

  /**
   * Picks k of 0..n-1 without replacement (all of them when k ≥ n), ascending.
   *
   * @param n population size
   * @param k sample size
   * @param seed the seed
   * @return the chosen indices, ascending
   */
  static int[] indices(int n, int k, long seed) {
    if (k >= n) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] pool = new int[n];
    Arrays.setAll(pool, i -> i);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    int[] out = Arrays.copyOf(pool, k);
    Arrays.sort(out);
    return out;
  }
}
