package io.synthkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunResult;
import io.synthkit.run.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

/**
 * Renders reports in a real headless Chromium (Debian's package; bin/test installs it) and checks that the page
 * loads with no console error, no exception and no blocked request, that every chart the page lists is drawn with a
 * non-zero size, and that the record filter script works. Without Chromium the test is skipped, unless the CI
 * environment variable is set: then it fails, so CI never passes without rendering.
 */
class ReportBrowserTest {

  private static HeadlessChromium browser;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startBrowser() throws Exception {
    Path exe = HeadlessChromium.find().orElse(null);
    if (exe == null) {
      String msg = "no Chromium found (looked at $SYNTHKIT_CHROMIUM and chromium, chromium-browser, google-chrome on"
          + " PATH); install Debian's: apt-get install -y chromium (bin/test does this)";
      if (System.getenv("CI") != null) {
        fail("CI is set and the report must be rendered in a browser: " + msg);
      }
      Assumptions.abort(msg);
    }
    browser = new HeadlessChromium(exe);
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  /** Lists the page's charts with their rendered size and number of drawn elements. */
  private static List<JsonNode> charts() throws Exception {
    JsonNode v = browser.eval("Array.from(document.querySelectorAll('svg[data-chart]')).map(function (e) {"
        + " var r = e.getBoundingClientRect(); return {id: e.getAttribute('data-chart'), w: r.width, h: r.height,"
        + " marks: e.querySelectorAll('rect,circle,path').length}; })");
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  private static void assertRendered(Path report) throws Exception {
    browser.open(report);
    assertThat(browser.errors()).as("console errors, exceptions and blocked requests").isEmpty();
    JsonNode listed = Json.parse(Files.readString(report.resolveSibling(Reports.JSON))).path("charts");
    List<String> expected = new ArrayList<>();
    listed.forEach(c -> expected.add(c.asText()));
    List<JsonNode> drawn = charts();
    assertThat(drawn).extracting(c -> c.path("id").asText()).containsExactlyElementsOf(expected);
    for (JsonNode c : drawn) {
      assertThat(c.path("w").asDouble()).as("width of %s", c.path("id")).isGreaterThan(100);
      assertThat(c.path("h").asDouble()).as("height of %s", c.path("id")).isGreaterThan(50);
      assertThat(c.path("marks").asInt()).as("marks in %s", c.path("id")).isGreaterThan(0);
    }
  }

  @Test
  void simulatedRun_reportWrittenByTheRunner_rendersEveryChart() throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 16).build());
    Path report = r.runDir().resolve(Reports.HTML);
    assertRendered(report);
    assertThat(charts()).extracting(c -> c.path("id").asText()).contains("tokens-by-stage", "distinct-n",
        "length-histogram", "iteration-diversity", "events-round", "embedding-map");
    assertThat(browser.eval("document.getElementById('simulated-banner') !== null").asBoolean()).isTrue();
    // PCA axes give each component's share of the variance, not its absolute variance.
    assertThat(browser.eval("document.querySelector('svg[data-chart=\"embedding-map\"]').textContent").asText())
        .containsPattern("PC1 \\(\\d+\\.\\d% of variance\\)").doesNotContain("(variance ");
  }

  @Test
  void richRun_categoriesRejectionsJudgeAndHostileText_renderAndFilter() throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(Files.createDirectories(dir.resolve("base")), 4).build());
    Path run = RichRun.create(r.runDir(), dir);
    Path report = Reports.write(run, ReportOptions.DEFAULT.withSeeds(TestRuns.seeds(dir))
        .withReference(TestRuns.seeds(dir)));
    assertRendered(report);
    assertThat(charts()).extracting(c -> c.path("id").asText()).contains("rejections", "categories", "coverage",
        "iteration-diversity", "events-iteration", "embedding-map");
    // The injected <script> is text, not code: nothing ran, and the filter script narrows the table.
    assertThat(browser.eval("document.querySelectorAll('script').length").asInt()).isEqualTo(1);
    JsonNode filtered = browser.eval("(function () { var i = document.getElementById('record-filter');"
        + " i.value = 'poisoning'; i.dispatchEvent(new Event('input'));"
        + " return document.getElementById('record-count').textContent; })()");
    assertThat(filtered.asText()).matches("\\d+ of 60").isNotEqualTo("60 of 60").isNotEqualTo("0 of 60");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  void failedRun_showsTheErrorAsABannerAndNoUncomputedMetric() throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(Files.createDirectories(dir.resolve("failbase")), 4).build());
    Path run = Files.createDirectories(dir.resolve("failed"));
    var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
        Files.readString(r.runDir().resolve("manifest.json")));
    manifest.put("status", "failed").put("message", "endpoint down: connection refused by api.example").put(
        "accepted", 0);
    Files.writeString(run.resolve("manifest.json"), Json.write(manifest));
    Files.writeString(run.resolve("dataset.jsonl"), "");
    Path report = Reports.write(run, ReportOptions.DEFAULT);
    assertRendered(report);
    // Was: the error in small print under 0.0000 metrics and a flat zero distinct-n chart.
    assertThat(browser.eval("document.getElementById('failure-banner').textContent").asText())
        .isEqualTo("Run FAILED: endpoint down: connection refused by api.example");
    assertThat(browser.eval("document.getElementById('diversity').textContent").asText())
        .contains("No metrics: the run has no records").doesNotContain("0.0000").doesNotContain("distinct-1");
    assertThat(charts()).extracting(c -> c.path("id").asText()).doesNotContain("distinct-n", "length-histogram");
  }

  @Test
  void oneHopRun_showsTablesInTheMethodsWordsAndHidesAnEmptyCategoryColumn() throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(Files.createDirectories(dir.resolve("hopbase")), 4).build());
    Path run = Files.createDirectories(dir.resolve("onehop"));
    var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
        Files.readString(r.runDir().resolve("manifest.json")));
    Files.writeString(run.resolve("manifest.json"), Json.write(manifest.put("method", "aide")));
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      data.append(Json.write(Json.object().put("id", "aide-s" + (i % 2) + ".p" + i)
          .<com.fasterxml.jackson.databind.node.ObjectNode>set("data", Json.object().put("question",
              "question number " + i + " about topic " + (i * 7) + " and more words"))
          .set("meta", Json.object().put("hop", 1).put("seed_id", "seed-" + (i % 2))))).append('\n');
    }
    Files.writeString(run.resolve("dataset.jsonl"), data);
    Files.writeString(run.resolve("events.jsonl"), "{\"key\":\"hop/1\",\"type\":\"hop\",\"hop\":1,\"nodes\":2,"
        + "\"added\":6,\"rejected\":1,\"complete\":true,\"per_seed\":{\"seed-0\":3,\"seed-1\":3}}\n");
    Path report = Reports.write(run, ReportOptions.DEFAULT);
    assertRendered(report);
    // One point: tables, not charts; titles in the method's words, not "Events of type hop".
    assertThat(charts()).extracting(c -> c.path("id").asText()).doesNotContain("events-hop", "iteration-records",
        "iteration-diversity");
    assertThat(browser.eval("document.querySelector('table#events-hop').textContent").asText())
        .contains("added", "6", "nodes");
    String iterations = browser.eval("document.getElementById('iterations').textContent").asText();
    assertThat(iterations).contains("AIDE: figures per hop", "Records added per seed and hop", "Records of hop 1")
        .doesNotContain("Events of type");
    assertThat(browser.eval("document.querySelector('#breakdown-hop-per_seed').rows.length").asInt()).isEqualTo(3);
    // No record has a category: the column is hidden.
    assertThat(browser.eval("Array.from(document.querySelectorAll('#records-table th')).map(function (t) {"
        + " return t.textContent; }).join(',')").asText()).isEqualTo("id,question,iteration,parents,record");
  }
  @Test
  void reverseGenRun_showsTheFailureRateOverAllAnswers_undefinedMetricsAsNotApplicable_andTextCounts()
      throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(Files.createDirectories(dir.resolve("rgbase")), 4).build());
    Path run = Files.createDirectories(dir.resolve("reversegen"));
    var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(
        Files.readString(r.runDir().resolve("manifest.json")));
    Files.writeString(run.resolve("manifest.json"), Json.write(manifest.put("method", "reversegen")));
    // The audited run: 39 of 48 target answers judged unsafe over three iterations, and only those 39 are records
    // (all of one harm category), plus one record whose prompt is blank.
    int[] failures = {13, 12, 14};
    StringBuilder data = new StringBuilder();
    StringBuilder events = new StringBuilder();
    int n = 0;
    for (int it = 0; it < failures.length; it++) {
      events.append(Json.write(Json.object().put("key", "iteration/" + it).put("type", "iteration")
          .put("iteration", it).put("judged", 16).put("failures", failures[it]))).append('\n');
      for (int k = 0; k < failures[it]; k++, n++) {
        data.append(record("rg-" + n, "prompt " + n + " asks the target about topic " + (n * 7) + " in round " + it,
            it));
      }
    }
    data.append(record("rg-blank", "   ", 2));
    Files.writeString(run.resolve("dataset.jsonl"), data);
    Files.writeString(run.resolve("events.jsonl"), events);
    Path report = Reports.write(run, ReportOptions.DEFAULT);
    assertRendered(report);
    String metrics = browser.eval("Array.from(document.querySelectorAll('#diversity tr')).map(function (t) {"
        + " return Array.from(t.cells).map(function (c) { return c.textContent.trim(); }).join(' = '); })"
        + ".join('\\n')").asText();
    // Was "ASR 1.0000" and "harmful rate 1.0000": every record is a failure by construction.
    assertThat(metrics).contains("target failure rate (all answers judged) = 0.8125 (39/48)",
            "failure rate: iteration 0 = 0.8125 (13/16)", "failure rate: iteration 1 = 0.7500 (12/16)",
            "failure rate: iteration 2 = 0.8750 (14/16)")
        .doesNotContain("ASR", "harmful rate");
    // Undefined is n/a with its reason, never 0.0000 or NaN (was 0.0000).
    assertThat(metrics).contains("APS inter-class (meta.category) = n/a (all records share one class)")
        .doesNotContain("NaN");
    // Blanks are counted, and each sampled metric says how many texts it used.
    assertThat(metrics).contains("texts (field prompt) = 39 (1 record without text left out of every metric)",
        "self-BLEU-2 texygen (n=39)", "APS (n=39)");

    // The dataset card shows the same rows.
    var e = io.synthkit.export.Exports.write(run, io.synthkit.export.ExportFormat.JSONL,
        dir.resolve("rgout").resolve("train.jsonl"), io.synthkit.export.FieldMapping.NONE);
    assertThat(Files.readString(e.card())).contains("| target failure rate (all answers judged) | 0.8125 (39/48) |",
            "| APS inter-class (meta.category) | n/a (all records share one class) |")
        .doesNotContain("ASR (ReverseGen rule)", "NaN");
  }

  private static String record(String id, String prompt, int iteration) {
    var meta = Json.object().put("iteration", iteration).put("category", "S2");
    meta.putObject("judge").put("verdict", "unsafe\nS2");
    return Json.write(Json.object().put("id", id)
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("data", Json.object().put("prompt", prompt)
            .put("response", "Sure, here is how."))
        .set("meta", meta)) + "\n";
  }
}
