package io.synthkit.evaluation;

import io.synthkit.evaluation.EvaluationResult.IterationPoint;
import io.synthkit.metrics.LengthStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The plain-text tables {@code synthkit evaluate} prints: one column per dataset, one row per metric (a metric a
 * dataset lacks shows "-"), then category coverage and distinct-n per iteration side by side (the shape of Data
 * Advisor's Figure 5), then each dataset's notes. Stateless and thread-safe.
 */
public final class EvaluationTable {

  private static final int MAX_ITERATION_ROWS = 25;
  /** Shown for a metric that is undefined on this data (NaN in the reference), always followed by the reason. */
  public static final String NA = "n/a";

  private EvaluationTable() {}

  /**
   * Renders one result.
   *
   * @param result the result
   * @return the table text
   */
  public static String render(EvaluationResult result) {
    return compare(List.of(result));
  }

  /**
   * Renders results side by side.
   *
   * @param results the results, in column order
   * @return the table text
   */
  public static String compare(List<EvaluationResult> results) {
    List<Map<String, String>> columns = results.stream().map(EvaluationTable::rows).toList();
    List<String> labels = new ArrayList<>();
    columns.forEach(c -> c.keySet().stream().filter(k -> !labels.contains(k)).forEach(labels::add));
    List<String> header = new ArrayList<>(List.of("metric"));
    results.forEach(r -> header.add(r.dataset().name()));
    List<List<String>> body = new ArrayList<>();
    for (String label : labels) {
      List<String> row = new ArrayList<>(List.of(label));
      columns.forEach(c -> row.add(c.getOrDefault(label, "-")));
      body.add(row);
    }
    StringBuilder out = new StringBuilder(grid(header, body));
    String iterations = iterations(results);
    if (!iterations.isEmpty()) {
      out.append('\n').append(iterations);
    }
    for (EvaluationResult r : results) {
      if (!r.notes().isEmpty()) {
        out.append("\nnotes (").append(r.dataset().name()).append("):\n");
        r.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
      }
    }
    return out.toString();
  }

  /**
   * The metric rows of one result, in display order, formatted as in the table (the run report shows the same rows).
   *
   * @param r the result
   * @return label to formatted value
   */
  public static Map<String, String> rows(EvaluationResult r) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("records", Integer.toString(r.dataset().records()));
    int blank = r.dataset().records() - r.dataset().texts();
    // Every lexical and embedding metric uses these texts (or a sample of them, whose n is in its label).
    m.put("texts (field " + r.dataset().field() + ")", r.dataset().texts() + (blank > 0 ? " (" + blank
        + " record" + (blank == 1 ? "" : "s") + " without text left out of every metric)" : ""));
    if (r.dataset().method() != null) {
      m.put("method", r.dataset().method() + (Boolean.TRUE.equals(r.dataset().simulated()) ? " (SIMULATED)" : ""));
    }
    r.distinct().forEach(d -> m.put("distinct-" + d.n() + " (" + r.dataset().tokenizer() + ")", num(d.value())));
    if (r.selfBleu() != null) {
      var s = r.selfBleu();
      String n = " (n=" + s.sampleSize() + ")";
      m.put("self-BLEU-2 texygen" + n, num(s.bleu2()));
      m.put("self-BLEU-3 texygen" + n, num(s.bleu3()));
      m.put("self-BLEU-4 texygen" + n, num(s.bleu4()));
      m.put("self-BLEU-5 texygen" + n, num(s.bleu5()));
      m.put("self-BLEU reversegen mean(2..5)" + n, s.reverseGen() == null ? "-" : num(s.reverseGen()));
    }
    m.put("INGF v1 collision (1-3-grams)", num(r.ingf().collisionV1()));
    m.put("INGF v2 mean trigram frequency", num(r.ingf().meanFrequencyV2()));
    var d = r.nearDuplicates();
    m.put("near-duplicate rate (MinHash J>=" + d.threshold() + ")",
        String.format(Locale.ROOT, "%s (%d/%d)", num(d.rate()), d.duplicates(), d.checked()));
    length(m, "length tokens", r.length().tokens());
    length(m, "length chars", r.length().characters());
    if (r.embedding() != null) {
      var e = r.embedding();
      String n = " (n=" + e.sampleSize() + ")";
      m.put("embedder", e.embedder());
      m.put("remote-clique DataGen n^2" + n, num(e.remoteCliqueDataGen()));
      m.put("remote-clique mean pairwise" + n, num(e.remoteCliqueMean()));
      m.put("mean cosine distance" + n, num(e.meanCosineDistance()));
      m.put("APS" + n, e.sampleSize() < 2 ? NA + " (fewer than two texts)" : num(e.aps()));
      if (e.classesFrom() != null) {
        m.put("APS intra-class (" + e.classesFrom() + ")", e.apsIntraClass() == null
            ? NA + " (no two records share a class)" : num(e.apsIntraClass()));
        m.put("APS inter-class (" + e.classesFrom() + ")", e.apsInterClass() == null
            ? NA + " (all records share one class)" : num(e.apsInterClass()));
      }
      if (e.novelty() != null) {
        m.put("novelty vs seeds (approx.)", num(e.novelty()));
      }
    }
    if (r.seedRelevance() != null) {
      m.put("relevance to seeds (cosine, " + r.seedRelevance().via() + ")", num(r.seedRelevance().meanCosine()));
    }
    if (r.categories() != null) {
      m.put("categories (meta.category)", r.categories().distinct() + " distinct, top: " + top(r.categories()));
    }
    if (r.labels() != null) {
      m.put("labels (" + r.labels().field() + ")", r.labels().distinct() + " distinct, top: " + top(r.labels()));
    }
    judge(m, r);
    if (r.entities() != null) {
      var en = r.entities();
      m.put("entity overlap", String.format(Locale.ROOT, "%s (%d shared; %d ref, %d gen)", num(en.overlap()),
          en.shared(), en.referenceEntities(), en.generatedEntities()));
    }
    for (var o : r.others()) {
      o.distinct().forEach(x -> m.put(o.role() + " distinct-" + x.n(), num(x.value())));
    }
    return m;
  }

  private static void judge(Map<String, String> m, EvaluationResult r) {
    if (r.judge() == null) {
      return;
    }
    var tf = r.judge().targetFailures();
    if (tf != null) {
      // The run kept only the target's failures as records: a rate over them is 1 by construction, so the rate
      // that means something is over every answer the run judged.
      m.put("target failure rate (all answers judged)", String.format(Locale.ROOT, "%s (%d/%d)", num(tf.rate()),
          tf.failures(), tf.answers()));
      tf.perIteration().forEach(i -> m.put("  failure rate: iteration " + i.iteration(), String.format(Locale.ROOT,
          "%s (%d/%d)", num(i.rate()), i.failures(), i.answers())));
    }
    if (r.judge().safety() != null && tf == null) {
      var s = r.judge().safety();
      m.put("ASR (ReverseGen rule)", num(s.attackSuccessRate()));
      m.put("harmful rate (Data Advisor rule)", num(s.harmfulRate()));
      s.harmfulRateByCategory().forEach((c, v) -> m.put("  harmful rate: " + c, num(v)));
    }
    if (r.judge().accuracy() != null) {
      var a = r.judge().accuracy();
      m.put("judge accuracy", String.format(Locale.ROOT, "%s (%d/%d, %d excluded)", num(a.accuracy()), a.correct(),
          a.correct() + a.incorrect(), a.excluded()));
    }
  }

  private static void length(Map<String, String> m, String label, LengthStats.Summary s) {
    m.put(label, String.format(Locale.ROOT, "mean %.1f, median %.1f, p90 %.1f, max %.0f", s.mean(), s.median(),
        s.p90(), s.max()));
  }

  private static String top(EvaluationResult.Distribution d) {
    List<String> parts = new ArrayList<>();
    d.counts().entrySet().stream().limit(3).forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
    return String.join(", ", parts);
  }

  /** Coverage and distinct-n per iteration, one column group per dataset that has iterations. */
  static String iterations(List<EvaluationResult> results) {
    List<EvaluationResult> with = results.stream().filter(r -> r.iterations() != null).toList();
    if (with.isEmpty()) {
      return "";
    }
    TreeSet<Long> all = new TreeSet<>();
    with.forEach(r -> iterationsOf(r).points().forEach(p -> all.add(p.iteration())));
    List<Long> shown = thin(new ArrayList<>(all));
    List<String> header = new ArrayList<>(List.of("iteration"));
    for (EvaluationResult r : with) {
      String name = r.dataset().name();
      header.add(name + " coverage");
      header.add(name + " records");
      header.add(name + " d1/d2/d3/d4/d5");
    }
    List<List<String>> body = new ArrayList<>();
    for (long it : shown) {
      List<String> row = new ArrayList<>(List.of(Long.toString(it)));
      for (EvaluationResult r : with) {
        IterationPoint p = iterationsOf(r).points().stream().filter(x -> x.iteration() == it).findFirst().orElse(null);
        row.add(p == null ? "-" : Integer.toString(p.coverage()));
        row.add(p == null ? "-" : Integer.toString(p.records()));
        row.add(p == null ? "-" : String.join("/", p.distinct().stream()
            .map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()));
      }
      body.add(row);
    }
    String title = "per iteration (coverage = distinct meta.category up to the iteration; distinct-n of the"
        + " iteration's records)" + (shown.size() < all.size() ? ", " + shown.size() + " of " + all.size()
        + " iterations shown" : "") + ":\n";
    return title + grid(header, body);
  }

  /** The iterations of a result already filtered to those that have them. */
  private static EvaluationResult.Iterations iterationsOf(EvaluationResult r) {
    return Objects.requireNonNull(r.iterations(), "iterations of " + r.dataset().name());
  }

  /** At most {@value #MAX_ITERATION_ROWS} evenly spaced iterations, always keeping the first and the last. */
  static List<Long> thin(List<Long> all) {
    if (all.size() <= MAX_ITERATION_ROWS) {
      return all;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < MAX_ITERATION_ROWS; i++) {
      long v = all.get((int) Math.round((double) i * (all.size() - 1) / (MAX_ITERATION_ROWS - 1)));
      if (out.isEmpty() || out.get(out.size() - 1) != v) {
        out.add(v);
      }
    }
    return out;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String grid(List<String> header, List<List<String>> body) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : body) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(sb, rule, widths);
    body.forEach(row -> line(sb, row, widths));
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      sb.append(c == 0 ? cell + " ".repeat(widths[c] - cell.length()) : " ".repeat(widths[c] - cell.length()) + cell);
      sb.append(c == cells.size() - 1 ? "\n" : "  ");
    }
  }
}
