package io.synthkit.vector;

import java.util.List;

/**
 * Visits every unordered pair i&lt;j of a vector set with its dot product, without materialising an n×n matrix. The
 * vectors are copied into one contiguous array and scanned in square blocks so that both blocks stay in cache; memory
 * is O(n·dim) and time O(n²·dim).
 *
 * <p>Every pair is visited exactly once, always with i&lt;j, in a deterministic blocked order (not lexicographic).
 * Dot products are summed in {@code double}. Stateless and thread-safe; the visitor runs on the calling thread.
 */
public final class PairScan {

  /** Receives one pair. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Called once per unordered pair.
     *
     * @param i the smaller index
     * @param j the larger index
     * @param dot the dot product of vectors i and j
     */
    void visit(int i, int j, double dot);
  }

  private static final int BLOCK = 64;

  private PairScan() {}

  /**
   * Scans all pairs of a list of vectors.
   *
   * @param vectors vectors of equal dimension
   * @param visitor called once for each i&lt;j
   * @throws IllegalArgumentException when dimensions differ
   */
  public static void forEachPair(List<float[]> vectors, Visitor visitor) {
    int dim = Vectors.requireSameDimension(vectors);
    if (vectors.size() < 2) {
      return; // no pair; an empty list has no dimension to check the flat form against
    }
    float[] flat = new float[vectors.size() * dim];
    for (int i = 0; i < vectors.size(); i++) {
      System.arraycopy(vectors.get(i), 0, flat, i * dim, dim);
    }
    forEachPair(flat, dim, visitor);
  }

  /**
   * Scans all pairs of a row-major matrix.
   *
   * @param flat n rows of {@code dim} values each
   * @param dim the row length, positive
   * @param visitor called once for each i&lt;j
   * @throws IllegalArgumentException when dim is not positive or does not divide the array length
   */
  public static void forEachPair(float[] flat, int dim, Visitor visitor) {
    if (dim <= 0 || flat.length % dim != 0) {
      throw new IllegalArgumentException("dim must be positive and divide " + flat.length + ": " + dim);
    }
    int n = flat.length / dim;
    for (int bi = 0; bi < n; bi += BLOCK) {
      for (int bj = bi; bj < n; bj += BLOCK) {
        scanBlock(flat, dim, bi, Math.min(bi + BLOCK, n), bj, Math.min(bj + BLOCK, n), visitor);
      }
    }
  }

  private static void scanBlock(float[] m, int dim, int i0, int i1, int j0, int j1, Visitor visitor) {
    for (int i = i0; i < i1; i++) {
      int a = i * dim;
      for (int j = Math.max(j0, i + 1); j < j1; j++) {
        int b = j * dim;
        double s = 0;
        for (int k = 0; k < dim; k++) {
          s += (double) m[a + k] * m[b + k];
        }
        visitor.visit(i, j, s);
      }
    }
  }
}
