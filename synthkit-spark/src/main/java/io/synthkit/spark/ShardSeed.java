package io.synthkit.spark;

/**
 * A shard's seed, derived from the run's seed and the shard number so that every shard draws differently and the same
 * run always gives each shard the same seed: {@code mix64(runSeed + (shard + 1) * 0x9E3779B97F4A7C15L) >>> 1}, where
 * {@code mix64} is SplitMix64's finaliser. The shift keeps it non-negative (it is written into the shard's config).
 */
final class ShardSeed {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private ShardSeed() {}

  static long of(long runSeed, int shard) {
    long z = runSeed + (shard + 1L) * GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
