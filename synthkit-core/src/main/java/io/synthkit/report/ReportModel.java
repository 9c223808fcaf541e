package io.synthkit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.evaluation.Evaluation;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Everything a report page shows, read from a run directory and computed once: the manifest, the evaluation (with its
 * embedded samples), rejections grouped by step with examples, per-iteration event series and a seeded sample of
 * records. Immutable once built.
 *
 * @param dataset the run's records
 * @param manifest the manifest, or null for a directory without one
 * @param computed the evaluation and its embedded samples
 * @param seedsFile the seed file used, or null
 * @param rejections rejection counts by step, largest first
 * @param events numeric series from {@code iteration}/{@code hop} (and {@code round}) events
 * @param sample the browsable records
 * @param generatedAt when the report was made (ISO-8601)
 */
record ReportModel(Dataset dataset, @Nullable Manifest manifest, Evaluation.Computed computed, @Nullable Path seedsFile,
    List<RejectionGroup> rejections, List<EventSeries> events, List<DataRecord> sample, String generatedAt) {

  /** Event types whose numeric fields are charted per iteration. */
  static final Set<String> ITERATION_EVENTS = Set.of("iteration", "hop", "round");
  private static final int EXAMPLES = 3;

  /**
   * The rejections of one step.
   *
   * @param step the step that rejected
   * @param count how many
   * @param examples the first few
   */
  record RejectionGroup(String step, int count, List<RejectionExample> examples) {}

  /**
   * One rejected item.
   *
   * @param key its key
   * @param reason why
   * @param item the item or raw output, as JSON text
   */
  record RejectionExample(String key, String reason, String item) {}

  /**
   * The numeric fields of one event type, one value per event in file order.
   *
   * @param type the event type
   * @param x the x label of each event (its iteration/hop/round field, else its position)
   * @param fields field name to values (null where an event lacks the field)
   * @param breakdowns object fields of numbers (AIDE's {@code per_seed}): field name to member name to one value per
   *     event (null where an event lacks it); shown as tables, a row per member
   */
  record EventSeries(String type, List<String> x, Map<String, List<Double>> fields,
      Map<String, Map<String, List<Double>>> breakdowns) {}

  static List<RejectionGroup> rejections(List<ObjectNode> lines) {
    Map<String, List<ObjectNode>> byStep = new LinkedHashMap<>();
    for (ObjectNode r : lines) {
      byStep.computeIfAbsent(r.path("step").asText("unknown"), k -> new ArrayList<>()).add(r);
    }
    List<RejectionGroup> out = new ArrayList<>();
    byStep.forEach((step, rs) -> {
      List<RejectionExample> ex = new ArrayList<>();
      for (ObjectNode r : rs.subList(0, Math.min(EXAMPLES, rs.size()))) {
        JsonNode item = r.has("item") ? r.get("item") : r.path("raw");
        ex.add(new RejectionExample(r.path("key").asText(""), r.path("reason").asText(""),
            item.isTextual() ? item.asText() : item.isMissingNode() ? "" : Json.write(item)));
      }
      out.add(new RejectionGroup(step, rs.size(), List.copyOf(ex)));
    });
    out.sort((a, b) -> Integer.compare(b.count(), a.count()));
    return List.copyOf(out);
  }

  static List<EventSeries> events(List<ObjectNode> lines) {
    Map<String, List<ObjectNode>> byType = new LinkedHashMap<>();
    for (ObjectNode e : lines) {
      String type = e.path("type").asText("");
      if (ITERATION_EVENTS.contains(type)) {
        byType.computeIfAbsent(type, k -> new ArrayList<>()).add(e);
      }
    }
    List<EventSeries> out = new ArrayList<>();
    byType.forEach((type, es) -> {
      List<String> x = new ArrayList<>();
      Map<String, List<Double>> fields = new LinkedHashMap<>();
      Map<String, Map<String, List<Double>>> breakdowns = new LinkedHashMap<>();
      for (int i = 0; i < es.size(); i++) {
        ObjectNode e = es.get(i);
        x.add(e.path(type).isNumber() ? e.path(type).asText() : Integer.toString(i));
        int at = i;
        e.properties().forEach(f -> {
          if (f.getValue().isNumber() && !f.getKey().equals(type)) {
            List<Double> values = fields.computeIfAbsent(f.getKey(), k -> new ArrayList<>());
            while (values.size() < at) {
              values.add(null);
            }
            values.add(f.getValue().asDouble());
          } else if (f.getValue().isObject() && !f.getValue().isEmpty()) {
            Map<String, List<Double>> members = breakdowns.computeIfAbsent(f.getKey(), k -> new java.util.TreeMap<>(
                ReportModel::naturalOrder));
            f.getValue().properties().forEach(mem -> {
              if (mem.getValue().isNumber()) {
                List<Double> values = members.computeIfAbsent(mem.getKey(), k -> new ArrayList<>());
                while (values.size() < at) {
                  values.add(null);
                }
                values.add(mem.getValue().asDouble());
              }
            });
          }
        });
      }
      fields.values().forEach(v -> pad(v, es.size()));
      breakdowns.values().forEach(members -> members.values().forEach(v -> pad(v, es.size())));
      if (!fields.isEmpty() || !breakdowns.isEmpty()) {
        out.add(new EventSeries(type, List.copyOf(x), fields, breakdowns));
      }
    });
    return List.copyOf(out);
  }

  private static void pad(List<Double> values, int size) {
    while (values.size() < size) {
      values.add(null);
    }
  }

  /** Orders "seed-2" before "seed-10": digit runs compare as numbers. */
  static int naturalOrder(String a, String b) {
    String[] pa = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    String[] pb = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      int c = pa[i].chars().allMatch(Character::isDigit) && pb[i].chars().allMatch(Character::isDigit)
          && pa[i].length() < 18 && pb[i].length() < 18 ? Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i]))
          : pa[i].compareTo(pb[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }

  /** A seeded sample of records in file order. */
  static List<DataRecord> sample(List<DataRecord> records, int size, long seed) {
    if (records.size() <= size) {
      return records;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] pool = new int[records.size()];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(pool.length - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    int[] picked = java.util.Arrays.copyOf(pool, size);
    java.util.Arrays.sort(picked);
    List<DataRecord> out = new ArrayList<>(size);
    for (int i : picked) {
      out.add(records.get(i));
    }
    return out;
  }
}
