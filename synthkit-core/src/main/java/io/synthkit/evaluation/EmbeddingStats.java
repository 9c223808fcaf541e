package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.evaluation.EvaluationResult.EmbeddingScores;
import io.synthkit.evaluation.EvaluationResult.SeedRelevance;
import io.synthkit.metrics.Aps;
import io.synthkit.metrics.EmbeddingDiversity;
import io.synthkit.metrics.RemoteClique;
import io.synthkit.spi.DataRecord;
import io.synthkit.vector.Vectors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Embedding metrics on a sample, every formula from {@code io.synthkit.metrics}, and relevance to seeds: each sampled
 * item's root seeds are its {@code meta.seed_id}, or else the seeds reached by following {@code meta.parents} through
 * the dataset's own records (at most {@value #MAX_DEPTH} steps); relevance is the mean over items of the mean cosine to
 * those seeds.
 */
final class EmbeddingStats {

  private static final int MAX_DEPTH = 16;

  private EmbeddingStats() {}

  static EmbeddingScores scores(Embedded sample, int population, @Nullable List<String> classes, String classesFrom,
      Embedded seeds, EmbedderChoice choice) {
    List<float[]> v = sample.vectors();
    Double intra = null;
    Double inter = null;
    if (classes != null) {
      // Undefined (NaN: no pair of the kind) is kept as null beside a non-null classesFrom; tables say n/a and why.
      intra = definedOrNull(Aps.intraClass(v, classes));
      inter = definedOrNull(Aps.interClass(v, classes));
    }
    Double novelty = seeds.size() > 0 ? EmbeddingDiversity.novelty(v, seeds.vectors()) : null;
    return new EmbeddingScores(choice.embedder().id(), choice.source(), v.size(), population,
        RemoteClique.dataGen(v), RemoteClique.meanEuclidean(v), RemoteClique.meanCosineDistance(v), Aps.mean(v),
        intra, inter, classes == null ? null : classesFrom, novelty);
  }

  private static @Nullable Double definedOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /**
   * Seed relevance of the sampled items.
   *
   * @param sample the embedded generated items
   * @param records every record of the dataset, for following parents
   * @param seeds the embedded seeds, ids {@code seed-N} and any ids the seed file gives
   * @return the relevance, or null when no sampled item leads to a seed
   */
  static @Nullable SeedRelevance seedRelevance(Embedded sample, List<DataRecord> records, Embedded seeds) {
    if (seeds.size() == 0) {
      return null;
    }
    Map<String, float[]> seedVectors = new HashMap<>();
    for (int i = 0; i < seeds.size(); i++) {
      seedVectors.put(seeds.ids().get(i), seeds.vectors().get(i));
    }
    Map<String, DataRecord> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.id(), r));
    double sum = 0;
    int items = 0;
    boolean viaSeedId = false;
    for (int i = 0; i < sample.size(); i++) {
      DataRecord r = byId.get(sample.ids().get(i));
      if (r == null) {
        continue;
      }
      String direct = r.meta().path("seed_id").asText("");
      Set<String> roots = seedVectors.containsKey(direct) ? Set.of(direct) : roots(r, byId, seedVectors.keySet());
      viaSeedId |= seedVectors.containsKey(direct);
      if (roots.isEmpty()) {
        continue;
      }
      double s = 0;
      for (String root : roots) {
        // roots() returns only ids among seedVectors' keys.
        s += Vectors.cosine(sample.vectors().get(i), Objects.requireNonNull(seedVectors.get(root), root));
      }
      sum += s / roots.size();
      items++;
    }
    return items == 0 ? null : new SeedRelevance(sum / items, items, viaSeedId ? "meta.seed_id" : "meta.parents");
  }

  /** Breadth-first walk up {@code meta.parents} (and {@code meta.seed_id} of ancestors) to the seeds. */
  private static Set<String> roots(DataRecord start, Map<String, DataRecord> byId, Set<String> seedIds) {
    Set<String> roots = new LinkedHashSet<>();
    Set<String> visited = new HashSet<>();
    Deque<DataRecord> frontier = new ArrayDeque<>(List.of(start));
    for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
      Deque<DataRecord> next = new ArrayDeque<>();
      for (DataRecord r : frontier) {
        List<String> links = new ArrayList<>();
        r.meta().path("parents").forEach(p -> links.add(p.asText("")));
        JsonNode seedId = r.meta().path("seed_id");
        if (r != start && seedId.isTextual()) {
          links.add(seedId.asText());
        }
        for (String p : links) {
          if (seedIds.contains(p)) {
            roots.add(p);
          } else if (visited.add(p) && byId.containsKey(p)) {
            next.add(byId.get(p));
          }
        }
      }
      frontier = next;
    }
    return roots;
  }
}
