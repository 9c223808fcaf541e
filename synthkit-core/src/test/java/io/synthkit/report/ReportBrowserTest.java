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
}
