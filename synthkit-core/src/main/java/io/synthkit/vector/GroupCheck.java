package io.synthkit.vector;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * DataGen's embedding group check ({@code unigen/utils/group_check.py}): of every pair of items closer than a
 * threshold, one is dropped. Closeness is either Euclidean distance &lt; τ ({@code remove_similar_points}, DataGen's
 * default τ = 0.3) or cosine similarity &gt; τ after normalising ({@code remove_similar_points_by_cosine}). On unit
 * vectors ‖a−b‖² = 2 − 2cos, so L2 &lt; 0.3 is the same test as cos &gt; 1 − 0.3²/2 = 0.955.
 *
 * <p>Policies, both scanning pairs i&lt;j in order and acting only while both items are still kept:
 *
 * <ul>
 *   <li>{@link Policy#KEEP_FIRST}: drop j (DataGen's behaviour). Equivalently, j is dropped iff some kept i&lt;j is
 *       close, which is what the streaming {@link #offer} computes, comparing each new item with kept items only.
 *   <li>{@link Policy#SEEDED_RANDOM}: drop i or j at random ({@link SplittableRandom}(seed)), batch only.
 * </ul>
 *
 * <p>The scan is exact (see {@link NearScanner} for the pruning that makes it fast) and runs {@link #offerAll} blocks in
 * parallel on the common fork-join pool. Instances are not thread-safe; {@link #filter} is.
 */
public final class GroupCheck {

  /** How closeness is measured. */
  public enum Metric {
    /** Cosine similarity of the normalised vectors; close when &gt; τ. */
    COSINE,
    /** Euclidean distance of the raw vectors; close when &lt; τ. */
    L2
  }

  /** Which item of a close pair is dropped. */
  public enum Policy {
    /** The later item (DataGen). */
    KEEP_FIRST,
    /** A random one of the two, seeded. */
    SEEDED_RANDOM
  }

  /** DataGen's threshold for {@link Metric#L2} on its unit-length OpenAI embeddings. */
  public static final double DATAGEN_L2_THRESHOLD = 0.3;
  /** The cosine threshold equivalent to {@link #DATAGEN_L2_THRESHOLD} on unit vectors: 1 − 0.3²/2. */
  public static final double EQUIVALENT_COSINE_THRESHOLD = 0.955;

  /**
   * Group-check settings.
   *
   * @param metric how closeness is measured
   * @param threshold τ: a distance ≥ 0 for L2, a similarity in [−1, 1] for cosine
   * @param policy which item of a close pair is dropped
   * @param seed the seed for {@link Policy#SEEDED_RANDOM}
   */
  public record Options(Metric metric, double threshold, Policy policy, long seed) {
    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException for a threshold outside the metric's range
     */
    public Options {
      boolean ok = metric == Metric.L2 ? threshold >= 0 && threshold < Double.POSITIVE_INFINITY
          : threshold >= -1 && threshold <= 1;
      if (!ok) {
        throw new IllegalArgumentException("threshold out of range for " + metric + ": " + threshold);
      }
    }

    /**
     * DataGen's defaults: L2 distance &lt; 0.3, keep first.
     *
     * @return the options
     */
    public static Options dataGen() {
      return new Options(Metric.L2, DATAGEN_L2_THRESHOLD, Policy.KEEP_FIRST, 0);
    }
  }

  /**
   * The outcome of a batch check.
   *
   * @param kept indices of kept items, ascending
   * @param duplicateOf per item, −1 when kept, otherwise the index of the item whose closeness dropped it
   */
  public record Result(int[] kept, int[] duplicateOf) {}

  private static final int BLOCK = 64;

  private final NearScanner scanner;
  private int[] keptIds = new int[1024];
  private int offered;

  /**
   * Creates a streaming checker (keep-first).
   *
   * @param dim the vector dimension, positive
   * @param options settings; the policy must be {@link Policy#KEEP_FIRST}
   * @throws IllegalArgumentException for a non-positive dimension or another policy
   */
  public GroupCheck(int dim, Options options) {
    if (dim <= 0) {
      throw new IllegalArgumentException("dim must be positive: " + dim);
    }
    if (options.policy() != Policy.KEEP_FIRST) {
      throw new IllegalArgumentException("streaming group check supports KEEP_FIRST only: " + options.policy());
    }
    scanner = new NearScanner(dim, options.metric(), options.threshold());
  }

  /**
   * Offers one item.
   *
   * @param vector the item's embedding
   * @return empty when kept, otherwise the index (in offer order) of the kept item it is close to
   * @throws IllegalArgumentException when the dimension is wrong
   */
  public OptionalInt offer(float[] vector) {
    int d = offerAll(List.of(vector))[0];
    return d < 0 ? OptionalInt.empty() : OptionalInt.of(d);
  }

  /**
   * Offers items in order; the same result as offering them one by one, computed block-wise in parallel.
   *
   * @param vectors the embeddings
   * @return per item, −1 when kept, otherwise the index of the lowest kept item it is close to
   * @throws IllegalArgumentException when a dimension is wrong
   */
  public int[] offerAll(List<float[]> vectors) {
    int[] out = new int[vectors.size()];
    for (int from = 0; from < vectors.size(); from += BLOCK) {
      int to = Math.min(vectors.size(), from + BLOCK);
      float[][] block = new float[to - from][];
      for (int q = 0; q < block.length; q++) {
        block[q] = scanner.prepare(vectors.get(from + q));
      }
      resolveBlock(block, out, from);
    }
    return out;
  }

  private void resolveBlock(float[][] block, int[] out, int outOffset) {
    int before = scanner.size();
    int[] earlier = scanner.firstNear(block, before);
    for (int q = 0; q < block.length; q++) {
      int row = earlier[q];
      // Items kept earlier in this block were not in the parallel scan; they come after every earlier row.
      for (int r = before; row < 0 && r < scanner.size(); r++) {
        row = scanner.isNear(block[q], r) ? r : -1;
      }
      out[outOffset + q] = row < 0 ? keep(block[q]) : keptIds[row];
      offered++;
    }
  }

  private int keep(float[] prepared) {
    int kept = scanner.size();
    if (kept == keptIds.length) {
      keptIds = Arrays.copyOf(keptIds, kept * 2);
    }
    keptIds[kept] = offered;
    scanner.add(prepared);
    return -1;
  }

  /**
   * Returns how many items were offered.
   *
   * @return the offer count
   */
  public int offered() {
    return offered;
  }

  /**
   * Returns how many items were kept.
   *
   * @return the kept count
   */
  public int kept() {
    return scanner.size();
  }

  /**
   * Checks a whole batch with either policy.
   *
   * @param vectors the embeddings, of equal dimension
   * @param options settings
   * @return kept indices and, for dropped items, the partner that caused the drop
   * @throws IllegalArgumentException when dimensions differ
   */
  public static Result filter(List<float[]> vectors, Options options) {
    int dim = Vectors.requireSameDimension(vectors);
    int[] duplicateOf;
    if (vectors.isEmpty()) {
      duplicateOf = new int[0];
    } else if (options.policy() == Policy.KEEP_FIRST) {
      // A fresh checker numbers items from 0, so the streaming answer is already in batch indices.
      duplicateOf = new GroupCheck(dim, options).offerAll(vectors);
    } else {
      duplicateOf = randomDrops(vectors, dim, options);
    }
    int[] kept = IntStream.range(0, duplicateOf.length).filter(i -> duplicateOf[i] < 0).toArray();
    return new Result(kept, duplicateOf);
  }

  private static int[] randomDrops(List<float[]> vectors, int dim, Options options) {
    NearScanner scanner = new NearScanner(dim, options.metric(), options.threshold());
    float[][] prepared = new float[vectors.size()][];
    for (int i = 0; i < prepared.length; i++) {
      prepared[i] = scanner.prepare(vectors.get(i));
      scanner.add(prepared[i]);
    }
    long[] pairs = nearPairs(scanner, prepared);
    int[] duplicateOf = new int[prepared.length];
    Arrays.fill(duplicateOf, -1);
    SplittableRandom random = new SplittableRandom(options.seed());
    for (long pair : pairs) {
      int i = (int) (pair >>> 32);
      int j = (int) pair;
      if (duplicateOf[i] < 0 && duplicateOf[j] < 0) {
        boolean dropJ = random.nextBoolean();
        duplicateOf[dropJ ? j : i] = dropJ ? i : j;
      }
    }
    return duplicateOf;
  }

  /** All close pairs i&lt;j, packed as (i &lt;&lt; 32 | j) and sorted, i.e. in DataGen's scan order. */
  private static long[] nearPairs(NearScanner scanner, float[][] prepared) {
    return nearPairs(scanner, prepared, 0, prepared.length, 0);
  }

  /**
   * The close pairs (i, j) with {@code from <= i < to} and {@code i < j}, with the exact test the streaming check
   * uses. Public for a distributed group check (synthkit-spark): each task takes one range of i, and the union over
   * ranges that cover [0, n) is every close pair; {@link Policy#KEEP_FIRST} then drops j iff some kept i &lt; j is
   * close to it, naming the lowest such i, as {@link #offerAll} does. The test is symmetric in the two vectors, so a
   * pair's answer does not depend on which side computed it.
   *
   * @param vectors all n vectors, of equal dimension
   * @param from the first i, in [0, n]
   * @param to one past the last i, in [from, n]
   * @param options the metric and threshold (the policy is not used)
   * @return the pairs packed as {@code (long) i << 32 | j}, sorted
   * @throws IllegalArgumentException when dimensions differ or the range is outside [0, n]
   */
  public static long[] nearPairs(List<float[]> vectors, int from, int to, Options options) {
    if (from < 0 || to < from || to > vectors.size()) {
      throw new IllegalArgumentException("range [" + from + ", " + to + ") outside [0, " + vectors.size() + ")");
    }
    if (from == to) {
      return new long[0];
    }
    int dim = Vectors.requireSameDimension(vectors);
    NearScanner scanner = new NearScanner(dim, options.metric(), options.threshold());
    // Only rows from `from` on can pair with an i in range: the scanner holds those, numbered from 0.
    float[][] prepared = new float[vectors.size() - from][];
    for (int r = 0; r < prepared.length; r++) {
      prepared[r] = scanner.prepare(vectors.get(from + r));
      scanner.add(prepared[r]);
    }
    return nearPairs(scanner, prepared, 0, to - from, from);
  }

  /** Close pairs of prepared rows i in [from, to), j &gt; i, shifted by {@code offset} into the caller's numbering. */
  private static long[] nearPairs(NearScanner scanner, float[][] prepared, int from, int to, int offset) {
    int n = prepared.length;
    int tiles = (n + NearScanner.TILE - 1) / NearScanner.TILE;
    return IntStream.range(0, (to - from + BLOCK - 1) / BLOCK).parallel().mapToObj(b -> {
      int start = from + b * BLOCK;
      int end = Math.min(to, start + BLOCK);
      float[][] block = Arrays.copyOfRange(prepared, start, end);
      int[] fromRow = IntStream.range(start, end).map(i -> i + 1).toArray();
      LongStream.Builder found = LongStream.builder();
      scanner.scan(block, fromRow, n, (start + 1) / NearScanner.TILE, tiles, (q, row) -> {
        found.add((long) (offset + start + q) << 32 | (offset + row));
        return false;
      });
      return found.build();
    }).flatMapToLong(s -> s).sorted().toArray();
  }
}
