package io.synthkit.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Seeded randomness. Every random choice of a method comes from a generator derived from the run's seed and a label
 * naming the choice ({@code "iter/12/examples"}), so results do not depend on thread scheduling and a resumed run makes
 * the same choices again.
 */
public final class Rng {

  private Rng() {}

  /**
   * Derives a generator for one labelled purpose.
   *
   * @param seed the run's seed
   * @param label names the purpose; different labels give independent streams
   * @return a fresh generator
   */
  public static SplittableRandom of(long seed, String label) {
    long h = 0xcbf29ce484222325L;
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001b3L;
    }
    return new SplittableRandom(mix(seed ^ mix(h)));
  }

  /**
   * Samples {@code k} distinct elements uniformly, in random order (all of them, shuffled, when {@code k >= size}).
   *
   * @param pool the population
   * @param k how many
   * @param rng the generator
   * @param <T> the element type
   * @return the sample
   */
  public static <T> List<T> sample(List<T> pool, int k, RandomGenerator rng) {
    int n = pool.size();
    int take = Math.min(k, n);
    if (take <= 0) {
      return List.of();
    }
    if (take * 4L < n) {
      // Sparse case: rejection sampling of indices keeps memory O(k) for large pools.
      java.util.LinkedHashSet<Integer> picked = new java.util.LinkedHashSet<>();
      while (picked.size() < take) {
        picked.add(rng.nextInt(n));
      }
      List<T> out = new ArrayList<>(take);
      picked.forEach(i -> out.add(pool.get(i)));
      return out;
    }
    List<T> copy = new ArrayList<>(pool);
    for (int i = 0; i < take; i++) {
      Collections.swap(copy, i, i + rng.nextInt(n - i));
    }
    return List.copyOf(copy.subList(0, take));
  }

  /**
   * Returns a shuffled copy.
   *
   * @param items the items
   * @param rng the generator
   * @param <T> the element type
   * @return the shuffled list
   */
  public static <T> List<T> shuffled(List<T> items, RandomGenerator rng) {
    List<T> copy = new ArrayList<>(items);
    for (int i = copy.size() - 1; i > 0; i--) {
      Collections.swap(copy, i, rng.nextInt(i + 1));
    }
    return copy;
  }

  /**
   * Picks one element uniformly.
   *
   * @param items a non-empty list
   * @param rng the generator
   * @param <T> the element type
   * @return the element
   */
  public static <T> T pick(List<T> items, RandomGenerator rng) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("cannot pick from an empty list");
    }
    return items.get(rng.nextInt(items.size()));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
