package io.synthkit.method.datagen;

import io.synthkit.run.Rng;
import io.synthkit.spi.RunContext;
import io.synthkit.vector.KMeans;
import io.synthkit.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Few-shot example selection (paper §2.2), one strategy per run:
 *
 * <ul>
 *   <li>{@code random}: k base items uniformly, as the code's {@code random_example}.
 *   <li>{@code kmeans}: the paper's method. Every base item's text is embedded once ({@code ctx.embedder()}), k-means
 *       with k = the number of examples is fitted once per run, and each call takes one random member of every
 *       cluster, so each prompt spans the base data's variety.
 *   <li>{@code dispersion}: the public code's default ("cosine_similarity"): start from a random item, then add random
 *       items whose <em>minimum</em> cosine similarity to those already chosen is at most t, starting at t = 0 and
 *       restarting with t + 0.05 until k are found. The code's criterion is kept as it is (the maximum would spread
 *       examples more); it is there to reproduce the code. The chosen examples are shuffled, as the code does.
 * </ul>
 *
 * <p>Picks are deterministic for a run seed and batch. Immutable after construction; thread-safe.
 */
final class FewShot {

  private final String strategy;
  private final int k;
  private final int n;
  private final @Nullable List<float[]> vectors;
  private final KMeans.@Nullable Result clusters;

  private FewShot(String strategy, int k, int n, @Nullable List<float[]> vectors, KMeans.@Nullable Result clusters) {
    this.strategy = strategy;
    this.k = k;
    this.n = n;
    this.vectors = vectors;
    this.clusters = clusters;
  }

  /**
   * Prepares a strategy: embeds the base items and fits k-means when the strategy needs it.
   *
   * @param ctx the run (embedder, seeded randomness)
   * @param p the parameters
   * @param base the base data
   * @return the selector
   */
  static FewShot create(RunContext ctx, DataGenParams p, BaseData base) {
    int k = Math.min(p.examples(), base.size());
    if (k == 0 || p.selection().equals("random")) {
      return new FewShot("random", k, base.size(), null, null);
    }
    ctx.step("embedding base items", base.size() + " items for " + p.selection() + " example selection", 0);
    List<float[]> vectors = ctx.embedder().embed(base.texts());
    KMeans.Result clusters = p.selection().equals("kmeans")
        ? KMeans.fit(vectors, k, ctx.rng("fewshot/kmeans").nextLong()) : null;
    return new FewShot(p.selection(), k, base.size(), vectors, clusters);
  }

  /**
   * A selector over given vectors, for tests of the selection itself.
   *
   * @param strategy {@code dispersion} or {@code random}
   * @param k examples per call
   * @param vectors one vector per base item
   * @return the selector
   */
  static FewShot over(String strategy, int k, List<float[]> vectors) {
    return new FewShot(strategy, k, vectors.size(), List.copyOf(vectors), null);
  }

  /**
   * Picks the examples of one call.
   *
   * @param rng the call's generator
   * @return base item indices, in prompt order
   */
  List<Integer> pick(SplittableRandom rng) {
    List<Integer> all = IntStream.range(0, n).boxed().toList();
    return switch (strategy) {
      case "random" -> Rng.sample(all, k, rng);
      case "kmeans" -> Rng.shuffled(IntStream.of(KMeans.onePerCluster(Objects.requireNonNull(clusters,
          "the kmeans strategy fits its clusters"), rng.nextLong())).boxed().toList(), rng);
      // The reference shuffles the chosen examples before it prints them (like the other selectors); without it
      // the random start would always come first and the items picked to differ from it after.
      default -> Rng.shuffled(dispersed(rng), rng);
    };
  }

  private List<Integer> dispersed(SplittableRandom rng) {
    for (double t = 0; ; t += 0.05) {
      List<Integer> chosen = new ArrayList<>(List.of(rng.nextInt(n)));
      while (chosen.size() < k) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (!chosen.contains(i) && minSimilarity(i, chosen) <= t) {
            candidates.add(i);
          }
        }
        if (candidates.isEmpty()) {
          break;
        }
        chosen.add(Rng.pick(candidates, rng));
      }
      // Cosine never exceeds 1, so once t reaches it every item qualifies and the loop ends.
      if (chosen.size() == k || t >= 1) {
        return chosen;
      }
    }
  }

  private double minSimilarity(int i, List<Integer> chosen) {
    List<float[]> v = Objects.requireNonNull(vectors, "the dispersion strategy embeds the base items");
    double min = Double.POSITIVE_INFINITY;
    for (int c : chosen) {
      min = Math.min(min, Vectors.cosine(v.get(i), v.get(c)));
    }
    return min;
  }

  /** @return the strategy actually used ({@code random} when there is nothing to select) */
  String strategy() {
    return strategy;
  }
}
