package io.synthkit.method.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.config.RunConfig;
import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class DataAdvisorResumeTest {

  @TempDir
  Path dir;

  @Test
  void resume_midLoopReplaysFromTheCacheWithoutRepeatingCalls() throws Exception {
    RunConfig config = AdvisorScript.safety(dir, 24).build();
    AdvisorScript first = new AdvisorScript().delayed(15);
    RunHandle h = Runs.start(config, RunOptions.DEFAULT.withResponder(first));
    Path dataset = config.runDir().resolve("dataset.jsonl");
    // Cancel in the middle of the loop: after iteration 1's records, before the target.
    while (!Files.exists(dataset) || Files.readAllLines(dataset).size() < 6) {
      Thread.sleep(10);
    }
    h.cancel();
    assertThat(h.await().status()).isEqualTo(RunStatus.INTERRUPTED);
    List<String> before = TestRuns.lines(config.runDir(), "dataset.jsonl");
    assertThat(before.size()).isLessThan(24);

    AdvisorScript second = new AdvisorScript();
    RunResult r = Runs.run(config, RunOptions.DEFAULT.withResponder(second));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    List<String> after = TestRuns.lines(config.runDir(), "dataset.jsonl");
    assertThat(after).hasSize(24);
    assertThat(after.subList(0, before.size())).isEqualTo(before);
    // Only calls in flight at the cancel (at most one batch: B = 4 generations or responses) may be asked again.
    List<String> repeated = second.counts.keySet().stream().filter(first.counts::containsKey).toList();
    assertThat(repeated).hasSizeLessThanOrEqualTo(4);
    assertThat(second.counts.keySet()).contains("iter/5/weakness");
    assertThat(r.usage().cacheHits()).isPositive();

    // Same run, uninterrupted: the resumed dataset is what one session would have written.
    RunResult whole = Runs.run(AdvisorScript.safety(dir, 24).set("name", "whole").build(),
        RunOptions.DEFAULT.withResponder(new AdvisorScript()));
    assertThat(TestRuns.lines(whole.runDir(), "dataset.jsonl")).isEqualTo(after);
  }

  @Test
  void extend_raisingTheTargetRepeatsNoCall() {
    AdvisorScript script = new AdvisorScript();
    RunConfig small = AdvisorScript.safety(dir, 6).build();
    Runs.run(small, RunOptions.DEFAULT.withResponder(script));
    RunResult more = Runs.run(small.withTarget(14), RunOptions.DEFAULT.withResponder(script));
    assertThat(more.accepted()).isEqualTo(14);
    assertThat(script.counts).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    assertThat(script.counts).containsKey("iter/1/summary");
    RunResult whole = Runs.run(AdvisorScript.safety(dir, 14).set("name", "whole").build(),
        RunOptions.DEFAULT.withResponder(new AdvisorScript()));
    assertThat(TestRuns.lines(whole.runDir(), "dataset.jsonl"))
        .isEqualTo(TestRuns.lines(more.runDir(), "dataset.jsonl"));
  }
}
