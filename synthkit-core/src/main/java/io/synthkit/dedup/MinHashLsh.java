package io.synthkit.dedup;

import java.util.Arrays;

/**
 * Banded locality-sensitive hashing over MinHash signatures, as datasketch's {@code MinHashLSH}: the first b·r
 * signature positions are cut into b bands of r rows; two signatures become candidates when any band is equal. (b, r)
 * is chosen from the Jaccard threshold exactly like datasketch's {@code _optimal_param}, weights (0.5, 0.5) by default
 * (metrics.md §9: threshold 0.9 with 128 permutations gives (5, 25)).
 *
 * <p>Keys are ints (ids chosen by the caller). Each band is stored as a 64-bit hash of its r values in a primitive hash
 * table rather than as the band's bytes; two different bands collide with probability about 2⁻⁶⁴, which at worst adds a
 * candidate (callers such as {@link NearDuplicateIndex} verify candidates). Memory is about
 * b·(12 bytes per distinct band + 8 bytes per insert).
 *
 * <p>Not thread-safe.
 */
public final class MinHashLsh {

  /**
   * LSH shape.
   *
   * @param bands number of bands b, positive
   * @param rows rows per band r, positive
   */
  public record Params(int bands, int rows) {
    /**
     * Validates the shape.
     *
     * @throws IllegalArgumentException when bands or rows is not positive
     */
    public Params {
      if (bands <= 0 || rows <= 0) {
        throw new IllegalArgumentException("bands and rows must be positive: (" + bands + ", " + rows + ")");
      }
    }
  }

  private final Params params;
  private final int numPerm;
  private final BandTable[] tables;
  private final IntList entryKey = new IntList(1024);
  private final IntList entryNext = new IntList(1024);
  private int size;

  /**
   * Creates an index tuned for a Jaccard threshold with datasketch's default weights (0.5, 0.5).
   *
   * @param threshold the Jaccard threshold in [0,1]
   * @param numPerm the signature length, at least 2
   * @throws IllegalArgumentException for a threshold outside [0,1] or numPerm &lt; 2
   */
  public MinHashLsh(double threshold, int numPerm) {
    this(optimalParams(threshold, numPerm), numPerm);
  }

  /**
   * Creates an index with an explicit shape.
   *
   * @param params the shape; bands·rows must not exceed numPerm
   * @param numPerm the signature length
   * @throws IllegalArgumentException when bands·rows &gt; numPerm
   */
  public MinHashLsh(Params params, int numPerm) {
    if ((long) params.bands() * params.rows() > numPerm) {
      throw new IllegalArgumentException("bands*rows must be at most numPerm " + numPerm + ": " + params);
    }
    this.params = params;
    this.numPerm = numPerm;
    tables = new BandTable[params.bands()];
    for (int i = 0; i < tables.length; i++) {
      tables[i] = new BandTable(1024);
    }
  }

  /**
   * datasketch's optimal (b, r) with weights (0.5, 0.5).
   *
   * @param threshold the Jaccard threshold in [0,1]
   * @param numPerm the signature length, at least 2
   * @return the shape minimising the weighted false-positive and false-negative areas
   * @throws IllegalArgumentException for a threshold outside [0,1] or numPerm &lt; 2
   */
  public static Params optimalParams(double threshold, int numPerm) {
    return optimalParams(threshold, numPerm, 0.5, 0.5);
  }

  /**
   * datasketch's optimal (b, r).
   *
   * @param threshold the Jaccard threshold in [0,1]
   * @param numPerm the signature length, at least 2
   * @param falsePositiveWeight weight of the false-positive area, in [0,1]
   * @param falseNegativeWeight weight of the false-negative area, in [0,1]; the two must sum to 1
   * @return the optimal shape
   * @throws IllegalArgumentException for arguments out of range
   */
  public static Params optimalParams(
      double threshold, int numPerm, double falsePositiveWeight, double falseNegativeWeight) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0,1]: " + threshold);
    }
    if (numPerm < 2) {
      throw new IllegalArgumentException("numPerm must be at least 2: " + numPerm);
    }
    if (!(falsePositiveWeight >= 0 && falsePositiveWeight <= 1 && falseNegativeWeight >= 0
        && falseNegativeWeight <= 1) || Math.abs(falsePositiveWeight + falseNegativeWeight - 1) > 1e-9) {
      throw new IllegalArgumentException("weights must be in [0,1] and sum to 1: (" + falsePositiveWeight + ", "
          + falseNegativeWeight + ")");
    }
    return LshOptimizer.optimal(threshold, numPerm, falsePositiveWeight, falseNegativeWeight);
  }

  /**
   * Returns the shape in use.
   *
   * @return (bands, rows)
   */
  public Params params() {
    return params;
  }

  /**
   * Returns the number of inserted signatures.
   *
   * @return the insert count
   */
  public int size() {
    return size;
  }

  /**
   * Indexes a signature under a key. Keys should be unique; the index does not check.
   *
   * @param key the caller's id
   * @param signature a signature of length numPerm
   * @throws IllegalArgumentException when the signature length is wrong
   */
  public void insert(int key, int[] signature) {
    insert(key, bandKeys(signature));
  }

  /** Inserts with band keys already computed by {@link #bandKeys}. */
  void insert(int key, long[] bandKeys) {
    for (int band = 0; band < tables.length; band++) {
      int entry = entryKey.size();
      entryKey.add(key);
      entryNext.add(tables[band].get(bandKeys[band]));
      tables[band].put(bandKeys[band], entry);
    }
    size++;
  }

  /**
   * Returns the keys sharing at least one band with a signature.
   *
   * @param signature a signature of length numPerm
   * @return candidate keys, ascending and distinct
   * @throws IllegalArgumentException when the signature length is wrong
   */
  public int[] query(int[] signature) {
    return query(bandKeys(signature));
  }

  /** Queries with band keys already computed by {@link #bandKeys}. */
  int[] query(long[] bandKeys) {
    IntList found = null;
    for (int band = 0; band < tables.length; band++) {
      for (int e = tables[band].get(bandKeys[band]); e >= 0; e = entryNext.get(e)) {
        found = found == null ? new IntList(8) : found;
        found.add(entryKey.get(e));
      }
    }
    return found == null ? new int[0] : sortedDistinct(found.toArray());
  }

  /**
   * Hashes each band of a signature once, for a query followed by an insert. Two signatures are candidates for each
   * other exactly when they share a key at the same band index, which lets a cluster find the candidate pairs by
   * grouping on (band, key) instead of querying one index.
   *
   * @param signature a signature of length numPerm
   * @return one key per band, in band order
   * @throws IllegalArgumentException when the signature length is wrong
   */
  public long[] bandKeys(int[] signature) {
    requireLength(signature);
    long[] keys = new long[tables.length];
    for (int band = 0; band < keys.length; band++) {
      keys[band] = bandKey(signature, band * params.rows(), (band + 1) * params.rows());
    }
    return keys;
  }

  private static int[] sortedDistinct(int[] keys) {
    Arrays.sort(keys);
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[n++] = keys[i];
      }
    }
    return Arrays.copyOf(keys, n);
  }

  private void requireLength(int[] signature) {
    if (signature.length != numPerm) {
      throw new IllegalArgumentException("signature length must be " + numPerm + ": " + signature.length);
    }
  }

  /** A 64-bit hash of signature[from, to): splitmix64's finalizer applied after folding in each value. */
  static long bandKey(int[] signature, int from, int to) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < to; i++) {
      h = mix(h ^ (signature[i] & 0xFFFFFFFFL));
    }
    return h;
  }

  private static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
