package io.synthkit.report;

import io.synthkit.evaluation.Embedded;
import io.synthkit.evaluation.EvaluationResult.Distinct;
import io.synthkit.evaluation.EvaluationResult;
import io.synthkit.evaluation.EvaluationTable;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReportModel} as one self-contained HTML page: inline CSS and a tiny inline script from
 * {@code io/synthkit/report/}, charts as inline SVG ({@link Svg}), and a Content-Security-Policy that forbids every
 * network fetch. Sections without data say why instead of drawing an empty chart. Not thread-safe; one per page.
 */
final class ReportPage {

  /**
   * A rendered page.
   *
   * @param html the page
   * @param charts the {@code data-chart} ids it contains, in page order
   */
  record Rendered(String html, List<String> charts) {}

  private static final int MAX_BARS = 25;
  private static final int TEXT_CHARS = 400;

  private final ReportModel m;
  private final EvaluationResult r;
  private final StringBuilder out = new StringBuilder(1 << 16);
  private final List<String> charts = new ArrayList<>();

  private ReportPage(ReportModel model) {
    this.m = model;
    this.r = model.computed().result();
  }

  static Rendered render(ReportModel model) {
    ReportPage p = new ReportPage(model);
    p.page();
    return new Rendered(p.out.toString(), List.copyOf(p.charts));
  }

  private void page() {
    String name = r.dataset().name();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // The page must work offline and must never call out: no source is allowed but the page's own inline parts.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';")
        .append(" script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>synthkit report: ").append(Html.escape(name)).append("</title><style>")
        .append(resource("report.css")).append("</style></head><body>\n");
    header();
    out.append("<main>\n");
    summary();
    cost();
    out.append(StepTimesSection.html(m.manifest()));
    rejections();
    diversity();
    lengths();
    categories();
    iterations();
    embeddingMap();
    records();
    notes();
    out.append("</main>\n<script>").append(resource("report.js")).append("</script>\n</body></html>\n");
  }

  private void header() {
    Manifest man = m.manifest();
    out.append("<header><h1>").append(Html.escape(r.dataset().name())).append("</h1><div class=\"sub\">");
    if (man != null) {
      out.append("method <b>").append(Html.escape(man.method())).append("</b> · status <b>")
          .append(Html.escape(man.status() == null ? "?" : man.status().wire())).append("</b> · ");
    }
    out.append("report generated ").append(Html.escape(m.generatedAt()));
    if (man != null && man.synthkitVersion() != null) {
      out.append(" · synthkit ").append(Html.escape(man.synthkitVersion()));
    }
    out.append("</div></header>\n");
    if (man != null && man.simulated()) {
      out.append("<div class=\"banner\" id=\"simulated-banner\">SIMULATED run: every record is placeholder text from")
          .append(" synthkit's built-in simulator, not real data. The figures below only show what a report looks")
          .append(" like.</div>\n");
    }
    if (man != null && man.status() == io.synthkit.spi.RunStatus.FAILED) {
      // A failed run's error is the first thing to read, not a footnote under zeros.
      out.append("<div class=\"banner failure\" id=\"failure-banner\">Run FAILED")
          .append(man.message() == null ? "" : ": " + Html.escape(man.message())).append("</div>\n");
    }
    out.append("<nav>");
    for (String s : List.of("summary", "cost", "rejections", "diversity", "lengths", "categories", "iterations",
        "embedding", "records", "notes")) {
      out.append("<a href=\"#").append(s).append("\">").append(s).append("</a>");
    }
    out.append("</nav>\n");
  }

  private void summary() {
    Manifest man = m.manifest();
    open("summary", "Run summary");
    out.append("<div class=\"cards\">");
    card(Integer.toString(r.dataset().records()), man == null ? "records" : "accepted of target " + man.target());
    if (man != null) {
      card(Integer.toString(man.rejected()), "rejected");
      long seen = (long) man.accepted() + man.rejected();
      card(seen == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * man.accepted() / seen), "acceptance");
      Usage t = man.usage() == null ? Usage.ZERO : man.usage().total();
      // "replayed": answered from synthkit's own response cache; "cached": prompt tokens the provider's cache served.
      card(String.format(Locale.ROOT, "%,d", t.calls()), "model calls (" + t.cacheHits() + " replayed)");
      card(String.format(Locale.ROOT, "%,d", t.promptTokens() + t.completionTokens()), "tokens");
      card(String.format(Locale.ROOT, "%,d", t.cachedTokens()), "prompt tokens from the provider's cache");
      card(String.format(Locale.ROOT, "$%.4f", t.costUsd()), String.format(Locale.ROOT,
          "cost ($%.4f of it for cached prompt tokens)", t.cachedCostUsd()));
      if (man.timings() != null) {
        card(duration(man.timings().wallSeconds()), "wall time (" + man.timings().sessions() + " session"
            + (man.timings().sessions() == 1 ? "" : "s") + ")");
      }
    }
    out.append("</div>");
    if (man != null && man.message() != null && man.status() != io.synthkit.spi.RunStatus.FAILED) {
      out.append("<p class=\"note\">").append(Html.escape(man.message())).append("</p>");
    }
    close();
  }

  private void cost() {
    Manifest man = m.manifest();
    open("cost", "Models, tokens and cost");
    if (man == null || man.usage() == null) {
      out.append("<p class=\"note\">No manifest: usage is unknown.</p>");
      close();
      return;
    }
    out.append("<div class=\"grid2\"><div>");
    if (man.roles() != null) {
      out.append("<table><tr><th>role</th><th>model</th><th>simulated</th></tr>");
      man.roles().forEach((role, d) -> out.append("<tr><td>").append(Html.escape(role)).append("</td><td>")
          .append(Html.escape(String.valueOf(d.get("model")))).append("</td><td>")
          .append(Html.escape(String.valueOf(d.getOrDefault("simulated", false)))).append("</td></tr>"));
      out.append("</table><br>");
    }
    usageTable("role", man.usage().byRole());
    out.append("<br>");
    usageTable("stage", man.usage().byStage());
    out.append("</div><div>");
    List<Svg.Bar> bars = new ArrayList<>();
    if (man.usage().byStage() != null) {
      man.usage().byStage().forEach((stage, u) -> bars.add(new Svg.Bar(stage, u.promptTokens() + u.completionTokens(),
          String.format(Locale.ROOT, "%s: %d prompt + %d completion tokens, $%.4f, %d calls", stage, u.promptTokens(),
              u.completionTokens(), u.costUsd(), u.calls()))));
    }
    if (!bars.isEmpty()) {
      chart("tokens-by-stage", Svg.bars("tokens-by-stage", "Tokens by stage", bars, "tokens (prompt + completion)"));
    }
    out.append("</div></div>");
    close();
  }

  private void usageTable(String what, Map<String, Usage> rows) {
    if (rows == null || rows.isEmpty()) {
      return;
    }
    // "replayed" counts synthkit's own response cache (free, resumed runs); "cached tok" the provider's prompt cache.
    out.append("<table><tr><th>").append(what).append("</th><th class=\"n\">calls</th><th class=\"n\">replayed</th>")
        .append("<th class=\"n\">prompt tok</th><th class=\"n\">cached tok</th><th class=\"n\">cache-write tok</th>")
        .append("<th class=\"n\">completion tok</th><th class=\"n\">cached $</th><th class=\"n\">$</th></tr>");
    rows.forEach((k, u) -> out.append(String.format(Locale.ROOT, "<tr><td>%s</td><td class=\"n\">%,d</td>"
        + "<td class=\"n\">%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td><td class=\"n\">%,d</td>"
        + "<td class=\"n\">%,d</td><td class=\"n\">%.4f</td><td class=\"n\">%.4f</td></tr>",
        Html.escape(k), u.calls(), u.cacheHits(), u.promptTokens(), u.cachedTokens(), u.cacheWriteTokens(),
        u.completionTokens(), u.cachedCostUsd(), u.costUsd())));
    out.append("</table>");
  }

  private void rejections() {
    open("rejections", "Rejections");
    if (m.rejections().isEmpty()) {
      out.append("<p class=\"note\">Nothing was rejected.</p>");
      close();
      return;
    }
    int total = m.rejections().stream().mapToInt(ReportModel.RejectionGroup::count).sum();
    chart("rejections", Svg.bars("rejections", "Rejections by step", m.rejections().stream().limit(MAX_BARS)
        .map(g -> new Svg.Bar(g.step(), g.count(), g.step() + ": " + g.count() + " of " + total)).toList(),
        "rejected items"));
    out.append("<table><tr><th>step</th><th class=\"n\">count</th><th>examples</th></tr>");
    for (ReportModel.RejectionGroup g : m.rejections()) {
      out.append("<tr><td>").append(Html.escape(g.step())).append("</td><td class=\"n\">").append(g.count())
          .append("</td><td>");
      for (ReportModel.RejectionExample e : g.examples()) {
        out.append("<details><summary>").append(Html.escape(Html.clip(e.reason(), 160))).append("</summary><pre>")
            .append(Html.escape(e.key() + "\n" + Html.clip(e.item(), 1500))).append("</pre></details>");
      }
      out.append("</td></tr>");
    }
    out.append("</table>");
    close();
  }

  private void diversity() {
    open("diversity", "Diversity and quality metrics");
    if (r.dataset().texts() == 0) {
      // Nothing was measured: zeros here would read as measured values.
      out.append("<p class=\"note\" id=\"no-metrics\">No metrics: the ").append(r.dataset().records() == 0
          ? "run has no records" : "records have no text at " + Html.escape(r.dataset().field()))
          .append(", so nothing was computed.</p>");
      close();
      return;
    }
    out.append("<div class=\"grid2\"><div><table><tr><th>metric</th><th class=\"n\">value</th></tr>");
    EvaluationTable.rows(r).forEach((k, v) -> out.append("<tr><td>").append(Html.escape(k))
        .append("</td><td class=\"n\">").append(Html.escape(v)).append("</td></tr>"));
    out.append("</table></div><div>");
    List<String> x = List.of("1", "2", "3", "4", "5");
    List<Svg.Series> series = new ArrayList<>();
    series.add(new Svg.Series("generated", values(r.distinct())));
    r.others().forEach(o -> series.add(new Svg.Series(o.role() + " (" + o.name() + ")", values(o.distinct()))));
    chart("distinct-n", Svg.lines("distinct-n", "distinct-n (" + r.dataset().tokenizer() + " tokens)", x, series, "n",
        "distinct n-grams / n-grams"));
    if (r.others().isEmpty()) {
      out.append("<p class=\"note\">No seed file found: give --seeds or --config to draw the seeds' curve.</p>");
    }
    out.append("</div></div>");
    close();
  }

  private static List<Double> values(List<Distinct> d) {
    return d.stream().map(Distinct::value).toList();
  }

  private void lengths() {
    open("lengths", "Lengths");
    var tokens = r.length().tokens();
    if (tokens.count() == 0) {
      out.append("<p class=\"note\">No texts.</p>");
      close();
      return;
    }
    out.append("<div class=\"grid2\"><div>");
    chart("length-histogram", Svg.histogram("length-histogram", "Length of " + r.dataset().field() + " in "
        + r.dataset().tokenizer() + " tokens", tokens.histogram().edges(), tokens.histogram().counts(), "tokens"));
    out.append("</div><div>");
    var chars = r.length().characters();
    chart("length-chars", Svg.histogram("length-chars", "Length in characters", chars.histogram().edges(),
        chars.histogram().counts(), "characters"));
    out.append("</div></div>");
    close();
  }

  private void categories() {
    open("categories", "Categories and labels");
    boolean any = false;
    out.append("<div class=\"grid2\">");
    for (var d : new EvaluationResult.Distribution[] {r.categories(), r.labels()}) {
      if (d == null) {
        continue;
      }
      any = true;
      String id = d == r.categories() ? "categories" : "labels";
      List<Svg.Bar> bars = d.counts().entrySet().stream().limit(MAX_BARS)
          .map(e -> new Svg.Bar(e.getKey(), e.getValue(), e.getKey() + ": " + e.getValue())).toList();
      out.append("<div>");
      chart(id, Svg.bars(id, d.field() + ": " + d.distinct() + " distinct" + (d.distinct() > MAX_BARS ? ", top "
          + MAX_BARS : ""), bars, "records"));
      out.append("</div>");
    }
    out.append("</div>");
    if (!any) {
      out.append("<p class=\"note\">The records carry no meta.category and no label field. Use <code>synthkit")
          .append(" evaluate --categorize --config CFG</code> to have a judge model assign categories.</p>");
    }
    close();
  }

  private void iterations() {
    open("iterations", "Per iteration");
    var it = r.iterations();
    if (it == null && m.events().isEmpty()) {
      out.append("<p class=\"note\">Records carry no iteration, hop or round number.</p>");
      close();
      return;
    }
    out.append("<div class=\"grid2\">");
    if (it != null && it.points().size() == 1) {
      // One hop (or iteration) only: a table, not three charts of one point each.
      var p = it.points().get(0);
      out.append("<div><h3>").append(Html.escape("Records of " + it.key() + " " + p.iteration()))
          .append("</h3><table class=\"point\" id=\"iteration-point\"><tr><th>").append(Html.escape(it.key()))
          .append("</th><th class=\"n\">").append(p.iteration()).append("</th></tr><tr><td>records</td>")
          .append("<td class=\"n\">").append(p.records()).append("</td></tr>");
      if (r.categories() != null) {
        out.append("<tr><td>distinct categories</td><td class=\"n\">").append(p.coverage()).append("</td></tr>");
      }
      for (int n = 1; n <= 5; n++) {
        out.append("<tr><td>distinct-").append(n).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.4f", p.distinct().get(n - 1))).append("</td></tr>");
      }
      out.append("</table></div>");
    } else if (it != null) {
      List<String> x = it.points().stream().map(p -> Long.toString(p.iteration())).toList();
      if (r.categories() != null) {
        out.append("<div>");
        chart("coverage", Svg.lines("coverage", "Category coverage by " + it.key() + " (cumulative)", x,
            List.of(new Svg.Series("distinct categories", it.points().stream()
                .map(p -> (double) p.coverage()).toList())), it.key(), "categories"));
        out.append("</div>");
      }
      List<Svg.Series> series = new ArrayList<>();
      for (int n = 1; n <= 5; n += 2) {
        int k = n - 1;
        series.add(new Svg.Series("distinct-" + n, it.points().stream().map(p -> p.distinct().get(k)).toList()));
      }
      out.append("<div>");
      chart("iteration-diversity", Svg.lines("iteration-diversity", "Diversity of each " + it.key()
          + "'s records", x, series, it.key(), "distinct-n"));
      out.append("</div><div>");
      chart("iteration-records", Svg.lines("iteration-records", "Records per " + it.key(), x,
          List.of(new Svg.Series("records", it.points().stream().map(p -> (double) p.records()).toList())),
          it.key(), "records"));
      out.append("</div>");
    }
    for (ReportModel.EventSeries e : m.events()) {
      if (e.fields().isEmpty()) {
        continue;
      }
      String id = "events-" + e.type();
      String title = methodName() + ": figures per " + e.type();
      out.append("<div>");
      if (e.x().size() == 1) {
        // A line through one point says nothing a table would not say better.
        pointTable(id, title, e);
      } else {
        List<Svg.Series> series = new ArrayList<>();
        e.fields().forEach((f, v) -> series.add(new Svg.Series(f.replace('_', ' '), v)));
        chart(id, Svg.lines(id, title, e.x(), series, e.type(), "count or rate"));
      }
      out.append("</div>");
    }
    out.append("</div>");
    for (ReportModel.EventSeries e : m.events()) {
      e.breakdowns().forEach((field, members) -> breakdown(e, field, members));
    }
    close();
  }

  /** The method as its paper names it, for chart titles. */
  private String methodName() {
    String method = m.manifest() == null ? null : m.manifest().method();
    if (method == null) {
      return "Run";
    }
    return switch (method) {
      case "aide" -> "AIDE";
      case "data-advisor" -> "Data Advisor";
      case "datagen" -> "DataGen";
      case "reversegen" -> "ReverseGen";
      case "self-instruct" -> "Self-Instruct";
      case "self-reference" -> "Self-reference";
      default -> method;
    };
  }

  private void pointTable(String id, String title, ReportModel.EventSeries e) {
    out.append("<h3>").append(Html.escape(title)).append("</h3><table class=\"point\" id=\"").append(id)
        .append("\"><tr><th>").append(Html.escape(e.type() + " " + e.x().get(0))).append("</th><th class=\"n\">")
        .append("value</th></tr>");
    e.fields().forEach((f, v) -> out.append("<tr><td>").append(Html.escape(f.replace('_', ' ')))
        .append("</td><td class=\"n\">").append(v.get(0) == null ? "" : number(v.get(0))).append("</td></tr>"));
    out.append("</table>");
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  /** A table of an event field that holds counts per member, e.g. AIDE's records per seed (rows) and hop (columns). */
  private void breakdown(ReportModel.EventSeries e, String field, Map<String, List<Double>> members) {
    String what = field.startsWith("per_") ? field.substring(4).replace('_', ' ') : field.replace('_', ' ');
    out.append("<h3>").append(Html.escape(field.equals("per_seed") ? "Records added per seed and " + e.type()
        : field.replace('_', ' ') + " by " + e.type())).append("</h3>")
        .append("<table class=\"breakdown\" id=\"breakdown-").append(Html.escape(e.type() + "-" + field))
        .append("\"><tr><th>").append(Html.escape(what)).append("</th>");
    e.x().forEach(x -> out.append("<th class=\"n\">").append(Html.escape(e.type() + " " + x)).append("</th>"));
    out.append("</tr>");
    members.forEach((member, values) -> {
      out.append("<tr><td>").append(Html.escape(member)).append("</td>");
      values.forEach(v -> out.append("<td class=\"n\">").append(v == null ? "" : number(v)).append("</td>"));
      out.append("</tr>");
    });
    out.append("</table>");
  }

  private void embeddingMap() {
    open("embedding", "Embedding map");
    Embedded gen = m.computed().generated();
    if (gen.size() < 2 || r.embedding() == null) {
      out.append("<p class=\"note\">No embeddings (fewer than two texts, or no embedder).</p>");
      close();
      return;
    }
    List<float[]> all = new ArrayList<>(gen.vectors());
    all.addAll(m.computed().seeds().vectors());
    all.addAll(m.computed().reference().vectors());
    Pca.Projection p = Pca.project(all);
    List<Svg.Group> groups = new ArrayList<>();
    int from = 0;
    for (var g : List.of(Map.entry("generated", gen), Map.entry("seeds", m.computed().seeds()),
        Map.entry("reference", m.computed().reference()))) {
      Embedded e = g.getValue();
      if (e.size() == 0) {
        continue;
      }
      List<String> tips = new ArrayList<>();
      for (int i = 0; i < e.size(); i++) {
        tips.add(e.ids().get(i) + ": " + Html.clip(e.texts().get(i), 160));
      }
      groups.add(new Svg.Group(g.getKey(), java.util.Arrays.copyOfRange(p.x(), from, from + e.size()),
          java.util.Arrays.copyOfRange(p.y(), from, from + e.size()), tips));
      from += e.size();
    }
    double total = p.variances()[0] + p.variances()[1];
    chart("embedding-map", Svg.scatter("embedding-map", "PCA of " + r.embedding().embedder() + " embeddings", groups,
        String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * p.share(0)),
        String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * p.share(1))));
    out.append("<p class=\"note\">").append(Html.escape(String.format(Locale.ROOT, "%d generated texts (of %d)%s;"
        + " embedder %s: %s. Hover a point for its text.%s", gen.size(), r.embedding().population(),
        m.computed().seeds().size() > 0 ? ", " + m.computed().seeds().size() + " seeds" : "", r.embedding().embedder(),
        r.embedding().embedderSource(), total == 0 ? " All points coincide." : ""))).append("</p>");
    close();
  }

  private void records() {
    open("records", "Records");
    List<DataRecord> sample = m.sample();
    out.append("<p class=\"note\">").append(sample.size()).append(sample.size() < r.dataset().records()
        ? " records sampled (seeded) from " + r.dataset().records() : " records").append(", in file order. ")
        .append("Filter: <input type=\"search\" id=\"record-filter\" placeholder=\"text, id, category...\"> ")
        .append("<span id=\"record-count\">").append(sample.size()).append(" of ").append(sample.size())
        .append("</span></p>");
    var field = io.synthkit.evaluation.FieldPath.parse(r.dataset().field());
    // A column no sampled record fills is noise: hide it.
    boolean categories = sample.stream().anyMatch(x -> !category(x).isEmpty());
    out.append("<table id=\"records-table\"><thead><tr><th>id</th><th>").append(Html.escape(r.dataset().field()))
        .append("</th>").append(categories ? "<th>category</th>" : "")
        .append("<th>iteration</th><th>parents</th><th>record</th></tr></thead><tbody>");
    for (DataRecord rec : sample) {
      var meta = rec.meta();
      String iteration = meta.has("iteration") ? meta.get("iteration").asText() : meta.has("hop")
          ? meta.get("hop").asText() : meta.path("round").asText("");
      List<String> parents = new ArrayList<>();
      meta.path("parents").forEach(x -> parents.add(x.asText()));
      out.append("<tr><td>").append(Html.escape(rec.id())).append("</td><td class=\"text-cell\">")
          .append(Html.escape(Html.clip(field.text(rec), TEXT_CHARS))).append("</td>")
          .append(categories ? "<td>" + Html.escape(category(rec)) + "</td>" : "")
          .append("<td>").append(Html.escape(iteration)).append("</td><td>")
          .append(Html.escape(Html.clip(String.join(", ", parents), 80))).append("</td><td><details><summary>data +")
          .append(" meta</summary><pre>").append(Html.escape(Html.clip(Json.pretty(Json.object()
              .<com.fasterxml.jackson.databind.node.ObjectNode>set("data", rec.data()).set("meta", meta)), 6000)))
          .append("</pre></details></td></tr>");
    }
    out.append("</tbody></table>");
    close();
  }

  private static String category(DataRecord rec) {
    var c = rec.meta().path("category");
    return c.isValueNode() && !c.isNull() ? c.asText() : c.isMissingNode() || c.isNull() ? "" : Json.write(c);
  }

  private void notes() {
    open("notes", "How these figures were made");
    out.append("<ul>");
    r.notes().forEach(n -> out.append("<li>").append(Html.escape(n)).append("</li>"));
    if (m.seedsFile() != null) {
      out.append("<li>seeds: ").append(Html.escape(m.seedsFile().toString())).append("</li>");
    }
    out.append("<li>metric definitions and references: docs/evaluate-report-export.md</li></ul>");
    close();
  }

  private void open(String id, String title) {
    out.append("<section id=\"").append(id).append("\"><h2>").append(Html.escape(title)).append("</h2>\n");
  }

  private void close() {
    out.append("</section>\n");
  }

  private void card(String value, String label) {
    out.append("<div class=\"card\"><div class=\"v\">").append(Html.escape(value)).append("</div><div class=\"k\">")
        .append(Html.escape(label)).append("</div></div>");
  }

  private void chart(String id, String svg) {
    charts.add(id);
    out.append(svg).append('\n');
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60)
        + " min";
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/synthkit/report/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
