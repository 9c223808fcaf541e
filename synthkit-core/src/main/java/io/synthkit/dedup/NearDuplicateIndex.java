package io.synthkit.dedup;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Streaming near-duplicate detection: each offered text gets the next id (0, 1, 2, ...); if an earlier kept text has
 * an estimated Jaccard similarity ≥ threshold, its id is returned and the new text is not indexed, otherwise the text
 * is kept and indexed. Candidates come from {@link MinHashLsh} (tuned for the same threshold) and are verified on the
 * full signatures, so LSH false positives never count; LSH false negatives (a pair above the threshold sharing no
 * band) are possible, as with datasketch.
 *
 * <p>Texts without shingles are never duplicates and are not indexed (their signatures would all match each other).
 * Kept signatures are stored as {@code int} values in chunks of 4096: 4·numPerm bytes per kept text (512 MB for a
 * million texts at 128 permutations), plus the LSH tables.
 *
 * <p>Not thread-safe. Compute signatures in parallel and feed {@link #offer(int[])} from one thread.
 */
public final class NearDuplicateIndex {

  private static final int CHUNK = 4096;

  private final MinHash minHash;
  private final Shingler shingler;
  private final double threshold;
  private final MinHashLsh lsh;
  private int[][] chunks = new int[16][];
  private final IntList keptIds = new IntList(1024);
  private int offered;

  /**
   * Creates an index.
   *
   * @param minHash the signature scheme
   * @param shingler how texts become shingles
   * @param threshold the Jaccard threshold in (0,1]
   * @throws IllegalArgumentException for a threshold outside (0,1]
   */
  public NearDuplicateIndex(MinHash minHash, Shingler shingler, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0,1]: " + threshold);
    }
    this.minHash = minHash;
    this.shingler = shingler;
    this.threshold = threshold;
    this.lsh = new MinHashLsh(threshold, minHash.numPerm());
  }

  /**
   * Offers a text.
   *
   * @param text the text
   * @return the id of an earlier near-duplicate, or empty when the text was kept
   */
  public OptionalInt offer(String text) {
    return offer(minHash.signature(shingler.shingles(text)));
  }

  /**
   * Offers a precomputed signature (from this index's {@link MinHash}).
   *
   * @param signature the text's signature
   * @return the id of an earlier near-duplicate, or empty when the text was kept
   * @throws IllegalArgumentException when the signature length is wrong
   */
  public OptionalInt offer(int[] signature) {
    int id = offered++;
    if (MinHash.isEmpty(signature)) {
      return OptionalInt.empty();
    }
    long[] bands = lsh.bandKeys(signature);
    int match = bestMatch(signature, bands);
    if (match >= 0) {
      return OptionalInt.of(keptIds.get(match));
    }
    store(signature);
    lsh.insert(keptIds.size(), bands);
    keptIds.add(id);
    return OptionalInt.empty();
  }

  /** Returns the kept index with the highest estimate ≥ threshold (earliest on ties), or −1. */
  private int bestMatch(int[] signature, long[] bands) {
    int best = -1;
    double bestScore = -1;
    for (int candidate : lsh.query(bands)) {
      double j = estimate(signature, candidate);
      if (j >= threshold && j > bestScore) {
        best = candidate;
        bestScore = j;
      }
    }
    return best;
  }

  private void store(int[] signature) {
    int kept = keptIds.size();
    int chunk = kept / CHUNK;
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    if (chunks[chunk] == null) {
      chunks[chunk] = new int[CHUNK * signature.length];
    }
    System.arraycopy(signature, 0, chunks[chunk], (kept % CHUNK) * signature.length, signature.length);
  }

  /** MinHash.jaccard against a stored signature, read in place. */
  private double estimate(int[] signature, int kept) {
    int[] chunk = chunks[kept / CHUNK];
    int from = (kept % CHUNK) * signature.length;
    int equal = 0;
    for (int i = 0; i < signature.length; i++) {
      equal += signature[i] == chunk[from + i] ? 1 : 0;
    }
    return (double) equal / signature.length;
  }

  /**
   * Returns how many texts were offered.
   *
   * @return the next id
   */
  public int offered() {
    return offered;
  }

  /**
   * Returns how many texts were kept and indexed.
   *
   * @return the kept count
   */
  public int kept() {
    return keptIds.size();
  }

  /**
   * Returns the LSH shape chosen for the threshold.
   *
   * @return (bands, rows)
   */
  public MinHashLsh.Params params() {
    return lsh.params();
  }
}
