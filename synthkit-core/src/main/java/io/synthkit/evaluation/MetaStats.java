package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.evaluation.EvaluationResult.Distribution;
import io.synthkit.evaluation.EvaluationResult.IterationPoint;
import io.synthkit.evaluation.EvaluationResult.Iterations;
import io.synthkit.metrics.DistinctN;
import io.synthkit.spi.DataRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Statistics read from record meta, following the conventions of {@code docs/developing-methods.md}:
 * {@code meta.category} (a string, or a list of strings for items in several categories), and {@code meta.iteration}
 * or {@code meta.hop} numbering the step that made the item ({@code meta.round}, which Self-Instruct writes, is read
 * too).
 */
final class MetaStats {

  /** Meta keys that number iterations, in the order they are preferred. */
  static final List<String> ITERATION_KEYS = List.of("iteration", "hop", "round");
  private static final int MAX_VALUES = 100;

  private MetaStats() {}

  /** The category values of a record: none, one, or several. */
  static List<String> categories(DataRecord r) {
    JsonNode c = r.meta().path("category");
    if (c.isTextual() && !c.asText().isBlank()) {
      return List.of(c.asText().strip());
    }
    if (c.isArray()) {
      List<String> out = new ArrayList<>();
      c.forEach(v -> {
        if (v.isTextual() && !v.asText().isBlank()) {
          out.add(v.asText().strip());
        }
      });
      return out;
    }
    return List.of();
  }

  /** The distribution of {@code meta.category}, or null when no record has one. */
  static @Nullable Distribution categoryDistribution(List<DataRecord> records) {
    Map<String, Long> counts = new LinkedHashMap<>();
    int missing = 0;
    for (DataRecord r : records) {
      List<String> cs = categories(r);
      missing += cs.isEmpty() ? 1 : 0;
      cs.forEach(c -> counts.merge(c, 1L, Long::sum));
    }
    return counts.isEmpty() ? null : distribution("meta.category", counts, missing);
  }

  /** The distribution of a label field, or null when fewer than half the records have a scalar there. */
  static @Nullable Distribution labelDistribution(List<DataRecord> records, FieldPath field) {
    Map<String, Long> counts = new LinkedHashMap<>();
    int missing = 0;
    for (DataRecord r : records) {
      String v = field.text(r);
      if (v == null || v.isBlank()) {
        missing++;
      } else {
        counts.merge(v, 1L, Long::sum);
      }
    }
    return counts.isEmpty() || missing * 2 > records.size() ? null : distribution(field.toString(), counts, missing);
  }

  private static Distribution distribution(String field, Map<String, Long> counts, int missing) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX_VALUES).forEach(e -> top.put(e.getKey(), e.getValue()));
    return new Distribution(field, counts.size(), missing, top);
  }

  /** The meta key that numbers iterations in most records, or null. */
  static @Nullable String iterationKey(List<DataRecord> records) {
    for (String key : ITERATION_KEYS) {
      long n = records.stream().filter(r -> r.meta().path(key).canConvertToLong()).count();
      if (n > 0 && n * 2 >= records.size()) {
        return key;
      }
    }
    return null;
  }

  /**
   * Per-iteration records, category coverage (distinct categories among records up to the iteration: Data Advisor
   * Fig. 5) and distinct-1..5 of each iteration alone.
   *
   * @return the points, or null when records carry no iteration number
   */
  static @Nullable Iterations iterations(List<DataRecord> records, List<List<String>> tokens) {
    String key = iterationKey(records);
    if (key == null) {
      return null;
    }
    TreeMap<Long, List<Integer>> byIteration = new TreeMap<>();
    for (int i = 0; i < records.size(); i++) {
      JsonNode it = records.get(i).meta().path(key);
      if (it.canConvertToLong()) {
        byIteration.computeIfAbsent(it.asLong(), k -> new ArrayList<>()).add(i);
      }
    }
    Set<String> seen = new HashSet<>();
    List<IterationPoint> points = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> e : byIteration.entrySet()) {
      int before = seen.size();
      List<List<String>> itTokens = new ArrayList<>();
      for (int i : e.getValue()) {
        seen.addAll(categories(records.get(i)));
        itTokens.add(tokens.get(i));
      }
      List<Double> distinct = DistinctN.upTo(itTokens, DistinctN.MAX_N).stream().map(DistinctN.Ratio::value).toList();
      points.add(new IterationPoint(e.getKey(), e.getValue().size(), seen.size() - before, seen.size(), distinct));
    }
    return new Iterations(key, List.copyOf(points));
  }
}
