package io.synthkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.json.Json;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReportsTest {

  @TempDir
  Path dir;

  @Test
  void run_end_writesReportHtmlAndJsonWithTheSeedFile() throws Exception {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 8).build());
    String html = Files.readString(r.runDir().resolve(Reports.HTML));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("SIMULATED run").contains("data-chart=\"distinct-n\"");
    var json = Json.parse(Files.readString(r.runDir().resolve(Reports.JSON)));
    assertThat(json.path("seeds_file").asText()).isEqualTo(dir.resolve("seeds.jsonl").toString());
    assertThat(json.path("dataset").path("records").asInt()).isEqualTo(8);
    // The core has no ONNX module, so the report says it fell back to hashing.
    assertThat(json.path("embedding").path("embedder_source").asText()).contains("hashing").contains("local");
  }

  @Test
  void run_reportDisabled_writesNoReportAndResumesAfterTheSettingChanges() {
    RunResult off = Runs.run(TestRuns.selfInstruct(dir, 4).set("report.enabled", false).build());
    assertThat(off.runDir().resolve(Reports.HTML)).doesNotExist();
    // Report settings are not part of the run's fingerprint: turning the report on resumes the same run.
    RunResult on = Runs.run(TestRuns.selfInstruct(dir, 6).build());
    assertThat(on.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(on.runDir().resolve(Reports.HTML)).exists();
  }

  @Test
  void run_badReportSection_failsBeforeTheRunStarts() {
    var config = TestRuns.selfInstruct(dir, 4).set("report.embeding_sample", 10).build();
    assertThatThrownBy(() -> Runs.run(config)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("embeding_sample");
    assertThat(dir.resolve("runs/t")).doesNotExist();
  }

  @Test
  void write_hostileTextAndNoNetwork_escapedAndSelfContained() throws Exception {
    RunResult base = Runs.run(TestRuns.selfInstruct(dir, 4).set("report.enabled", false).build());
    Path run = RichRun.create(base.runDir(), dir);
    String html = Files.readString(Reports.write(run));
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain("<script>alert").contains("raw &lt;b&gt;output&lt;/b&gt;");
    assertThat(Pattern.compile("(src|href)=\"(?!#)").matcher(html).find()).as("external references").isFalse();
    assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    assertThat(html).contains("ASR (ReverseGen rule)").contains("harmful rate: fraud");
  }

  @Test
  void write_notARun_isAnInputError() {
    assertThatThrownBy(() -> Reports.write(dir)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("without dataset.jsonl");
  }

  @Test
  void sample_isSeededAndInFileOrder() throws Exception {
    RunResult base = Runs.run(TestRuns.selfInstruct(dir, 4).set("report.enabled", false).build());
    Path run = RichRun.create(base.runDir(), dir);
    var records = io.synthkit.evaluation.Dataset.load(run).records();
    var a = ReportModel.sample(records, 10, 42);
    assertThat(a).hasSize(10).isEqualTo(ReportModel.sample(records, 10, 42));
    assertThat(a).extracting(rec -> Integer.parseInt(rec.id().substring(1))).isSorted();
  }
}
