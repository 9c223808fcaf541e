package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.config.RunConfig;
import io.synthkit.report.Reports;
import io.synthkit.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepTimesManifestTest {

  @TempDir
  Path dir;

  @Test
  void manifestRecordsWallTimePerStep_addsTheNextSession_andTheReportShowsIt() throws Exception {
    RunConfig first = TestRuns.selfInstruct(dir, 6).build();
    RunResult r = Runs.run(first);
    Manifest.Timings t = Manifest.read(r.runDir()).timings();
    assertThat(t.steps()).containsOnlyKeys("starting", "generating");
    assertThat(t.steps().values()).allSatisfy(s -> assertThat(s).isNotNegative());
    assertThat(t.steps().values().stream().mapToDouble(Double::doubleValue).sum())
        .as("the steps are part of the wall time").isLessThanOrEqualTo(t.wallSeconds() + 0.01);
    assertThat(t.oneOff()).as("no one-off work in this run: the field is left out").isNull();
    assertThat(Files.readString(r.runDir().resolve("manifest.json"))).contains("\"steps\" : {")
        .doesNotContain("one_off");
    double generating = t.steps().get("generating");

    RunResult more = Runs.run(first.withTarget(10));
    Manifest.Timings after = Manifest.read(more.runDir()).timings();
    assertThat(after.sessions()).isEqualTo(2);
    assertThat(after.steps().get("generating")).as("a resumed run adds to the earlier sessions' time")
        .isGreaterThanOrEqualTo(generating);

    String html = Files.readString(more.runDir().resolve(Reports.HTML));
    assertThat(html).contains("<h2>Time per step</h2>", "<table id=\"step-times\">", "<td>generating</td>",
        "2 sessions");
  }
}
