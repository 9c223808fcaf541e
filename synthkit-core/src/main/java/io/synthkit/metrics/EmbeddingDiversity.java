package io.synthkit.metrics;

import io.synthkit.vector.Vectors;
import java.util.List;

/**
 * ReverseGen-style "inner similarity" and "novelty" of generated data (metrics.md §6). ReverseGen's code defines
 * neither, so both are <b>approximations</b>, a labelled guess to be confirmed against arXiv 2410.16736:
 *
 * <ul>
 *   <li>inner similarity = APS over the generated set ({@link Aps#mean});
 *   <li>novelty = mean over generated x of (1 − max over seeds s of cos(x, s)).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class EmbeddingDiversity {

  private EmbeddingDiversity() {}

  /**
   * Inner similarity (approximation): mean pairwise cosine of the generated embeddings.
   *
   * @param generated embeddings of the generated texts
   * @return APS, 0 for fewer than 2
   */
  public static double innerSimilarity(List<float[]> generated) {
    return Aps.mean(generated);
  }

  /**
   * Novelty (approximation): how far each generated embedding is from its nearest seed, averaged.
   *
   * @param generated embeddings of the generated texts
   * @param seeds embeddings of the seed texts, non-empty
   * @return mean of 1 − max cosine to the seeds; 0 when nothing was generated
   * @throws IllegalArgumentException when there are no seeds
   */
  public static double novelty(List<float[]> generated, List<float[]> seeds) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("novelty needs at least one seed embedding, got 0");
    }
    double sum = 0;
    for (float[] x : generated) {
      double best = Double.NEGATIVE_INFINITY;
      for (float[] s : seeds) {
        best = Math.max(best, Vectors.cosine(x, s));
      }
      sum += 1 - best;
    }
    return generated.isEmpty() ? 0.0 : sum / generated.size();
  }
}
