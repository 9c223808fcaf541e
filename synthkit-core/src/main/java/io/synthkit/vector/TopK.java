package io.synthkit.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Exact top-k by cosine similarity with a bounded heap: O(n·dim + n·log k) time, O(k) extra memory. Ties are broken by
 * the lower index, so the result is deterministic.
 *
 * <p>Stateless and thread-safe.
 */
public final class TopK {

  /**
   * One result.
   *
   * @param index the item's position in the input
   * @param score its cosine similarity to the query
   */
  public record Hit(int index, double score) {}

  // Best first: higher score, then lower index.
  private static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble(Hit::score).reversed().thenComparingInt(Hit::index);

  private TopK() {}

  /**
   * Finds the k items most similar to a query.
   *
   * @param query the query vector
   * @param items candidate vectors of the query's dimension
   * @param k how many to return, non-negative
   * @return up to k hits, best first
   * @throws IllegalArgumentException for negative k or a dimension mismatch
   */
  public static List<Hit> byCosine(float[] query, List<float[]> items, int k) {
    requireK(k);
    PriorityQueue<Hit> heap = new PriorityQueue<>(BEST_FIRST.reversed());
    double queryNorm = Vectors.norm(query);
    for (int i = 0; i < items.size(); i++) {
      offer(heap, new Hit(i, cosine(query, queryNorm, items.get(i))), k);
    }
    return drain(heap);
  }

  /**
   * Finds the k rows of a row-major matrix most similar to a query.
   *
   * @param query the query vector, of length dim
   * @param flat n rows of dim values
   * @param dim the row length
   * @param k how many to return, non-negative
   * @return up to k hits, best first
   * @throws IllegalArgumentException for negative k or inconsistent lengths
   */
  public static List<Hit> byCosine(float[] query, float[] flat, int dim, int k) {
    requireK(k);
    if (dim != query.length || flat.length % dim != 0) {
      throw new IllegalArgumentException("dim " + dim + " must equal the query length " + query.length
          + " and divide the matrix length " + flat.length);
    }
    PriorityQueue<Hit> heap = new PriorityQueue<>(BEST_FIRST.reversed());
    double queryNorm = Vectors.norm(query);
    float[] row = new float[dim];
    for (int i = 0; i < flat.length / dim; i++) {
      System.arraycopy(flat, i * dim, row, 0, dim);
      offer(heap, new Hit(i, cosine(query, queryNorm, row)), k);
    }
    return drain(heap);
  }

  private static double cosine(float[] query, double queryNorm, float[] item) {
    double denom = queryNorm * Vectors.norm(item);
    return denom == 0 ? 0 : Vectors.dot(query, item) / denom;
  }

  private static void offer(PriorityQueue<Hit> heap, Hit hit, int k) {
    if (heap.size() < k) {
      heap.add(hit);
    } else if (k > 0 && BEST_FIRST.compare(hit, heap.peek()) < 0) {
      heap.poll();
      heap.add(hit);
    }
  }

  private static List<Hit> drain(PriorityQueue<Hit> heap) {
    List<Hit> out = new ArrayList<>(heap);
    out.sort(BEST_FIRST);
    return out;
  }

  private static void requireK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be non-negative: " + k);
    }
  }
}
