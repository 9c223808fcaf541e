package io.synthkit.metrics;

import io.synthkit.vector.PairScan;
import io.synthkit.vector.Vectors;
import java.util.List;

/**
 * Remote-clique diversity of an embedded dataset (DataGen, after Cevallos et al.; metrics.md §3). Higher means more
 * diverse.
 *
 * <p>{@link #dataGen} is DataGen's {@code compute_remote_clique}: the Euclidean distance summed over all n² ordered
 * pairs (diagonal zeros included) divided by n², which equals (n−1)/n times {@link #meanEuclidean}. DataGen uses unit
 * vectors (OpenAI {@code text-embedding-3-large}), for which d = √(2−2cos). Distances are computed as sklearn does,
 * √(‖a‖²+‖b‖²−2a·b) clamped at 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class RemoteClique {

  private RemoteClique() {}

  /**
   * DataGen's remote-clique score.
   *
   * @param embeddings vectors of equal dimension
   * @return (1/n²)·Σ_{i,j} ‖e_i−e_j‖; 0 for fewer than 2 vectors
   */
  public static double dataGen(List<float[]> embeddings) {
    int n = embeddings.size();
    return n < 2 ? 0.0 : 2 * sumEuclidean(embeddings) / ((double) n * n);
  }

  /**
   * Mean Euclidean distance over ordered pairs i≠j (a variant reported alongside DataGen's form).
   *
   * @param embeddings vectors of equal dimension
   * @return the mean distance; 0 for fewer than 2 vectors
   */
  public static double meanEuclidean(List<float[]> embeddings) {
    int n = embeddings.size();
    return n < 2 ? 0.0 : sumEuclidean(embeddings) / pairs(n);
  }

  /**
   * Mean cosine distance 1−cos over pairs i≠j.
   *
   * @param embeddings vectors of equal dimension
   * @return the mean cosine distance; 0 for fewer than 2 vectors
   */
  public static double meanCosineDistance(List<float[]> embeddings) {
    int n = embeddings.size();
    if (n < 2) {
      return 0.0;
    }
    double[] norms = norms(embeddings);
    double[] sum = new double[1];
    PairScan.forEachPair(embeddings, (i, j, dot) -> sum[0] += 1 - cosine(dot, norms[i], norms[j]));
    return sum[0] / pairs(n);
  }

  private static double sumEuclidean(List<float[]> embeddings) {
    double[] norms = norms(embeddings);
    double[] sum = new double[1];
    PairScan.forEachPair(embeddings, (i, j, dot) -> {
      double sq = norms[i] * norms[i] + norms[j] * norms[j] - 2 * dot;
      sum[0] += Math.sqrt(Math.max(0, sq));
    });
    return sum[0];
  }

  static double[] norms(List<float[]> vectors) {
    double[] norms = new double[vectors.size()];
    for (int i = 0; i < norms.length; i++) {
      norms[i] = Vectors.norm(vectors.get(i));
    }
    return norms;
  }

  static double cosine(double dot, double normA, double normB) {
    double denom = normA * normB;
    return denom == 0 ? 0 : dot / denom;
  }

  private static double pairs(int n) {
    return (double) n * (n - 1) / 2;
  }
}
