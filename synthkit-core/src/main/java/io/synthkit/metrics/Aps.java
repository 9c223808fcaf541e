package io.synthkit.metrics;

import io.synthkit.vector.PairScan;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Average pairwise similarity (AttrPrompt, Yu et al. 2023; metrics.md §4): the mean cosine similarity over unordered
 * pairs i&lt;j. Lower means more diverse. AttrPrompt ships no APS code, so this is the standard reading (normalize,
 * E·Eᵀ, mean of the strict upper triangle), as the third-party code does.
 *
 * <p>With fewer than two vectors the overall APS is 0.0, the third-party convention (mathematically it is undefined).
 * Intra- and inter-class APS with no pair of the kind (no two vectors share a label, or all share one) are NaN, as a
 * mean over nothing is in the reference: a 0.0 there would read as "perfectly diverse". A zero vector has cosine 0
 * with everything. Stateless and thread-safe.
 */
public final class Aps {

  private Aps() {}

  /**
   * APS over all pairs.
   *
   * @param embeddings vectors of equal dimension
   * @return the mean cosine over i&lt;j, or 0 for fewer than 2 vectors
   */
  public static double mean(List<float[]> embeddings) {
    return meanOver(embeddings, null, Pairs.ALL);
  }

  /**
   * Intra-class APS: only pairs whose labels are equal.
   *
   * @param embeddings vectors of equal dimension
   * @param labels one label per vector, compared with {@code equals}
   * @return the mean cosine over same-label pairs, or NaN when no two labels are equal
   * @throws IllegalArgumentException when the sizes differ
   */
  public static double intraClass(List<float[]> embeddings, List<?> labels) {
    return meanOver(embeddings, labels, Pairs.SAME_LABEL);
  }

  /**
   * Inter-class APS: only pairs whose labels differ.
   *
   * @param embeddings vectors of equal dimension
   * @param labels one label per vector, compared with {@code equals}
   * @return the mean cosine over different-label pairs, or NaN when all labels are equal
   * @throws IllegalArgumentException when the sizes differ
   */
  public static double interClass(List<float[]> embeddings, List<?> labels) {
    return meanOver(embeddings, labels, Pairs.DIFFERENT_LABEL);
  }

  private enum Pairs { ALL, SAME_LABEL, DIFFERENT_LABEL }

  private static double meanOver(List<float[]> embeddings, @Nullable List<?> labels, Pairs which) {
    if (labels != null && labels.size() != embeddings.size()) {
      throw new IllegalArgumentException(
          "labels and embeddings differ in size: " + labels.size() + " vs " + embeddings.size());
    }
    List<?> labeled = labels == null ? List.of() : labels; // only read when pairs are chosen by label
    double[] norms = RemoteClique.norms(embeddings);
    double[] sum = new double[1];
    long[] count = new long[1];
    PairScan.forEachPair(embeddings, (i, j, dot) -> {
      if (which == Pairs.ALL || Objects.equals(labeled.get(i), labeled.get(j)) == (which == Pairs.SAME_LABEL)) {
        sum[0] += RemoteClique.cosine(dot, norms[i], norms[j]);
        count[0]++;
      }
    });
    return count[0] > 0 ? sum[0] / count[0] : which == Pairs.ALL ? 0.0 : Double.NaN;
  }
}
