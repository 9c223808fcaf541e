package io.synthkit.method.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.config.RunConfig;
import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class DataGenResumeTest {

  @TempDir
  Path dir;

  /** Counts calls per sample key; answers with placeholders after a delay, so a cancel lands mid-run. */
  static Responder counting(Map<String, Integer> counts, int delayMs) {
    return req -> {
      counts.merge(req.callKey(), 1, Integer::sum);
      if (delayMs > 0) {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    };
  }

  RunConfig config(int target) {
    return DataGenRuns.config(dir, target, DataGenRuns.clusteredBase(dir)).set("datagen.stages", List.of("reflection"))
        .set("quality", List.of("group_check")).build();
  }

  @Test
  void resume_afterCancelRepeatsOnlyCallsInFlight() throws Exception {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunConfig config = config(40);
    RunHandle h = Runs.start(config, RunOptions.DEFAULT.withResponder(counting(counts, 25)));
    Path dataset = config.runDir().resolve("dataset.jsonl");
    while (!Files.exists(dataset) || Files.readAllLines(dataset).size() < 10) {
      Thread.sleep(20);
    }
    h.cancel();
    assertThat(h.await().status()).isEqualTo(RunStatus.INTERRUPTED);
    List<String> before = TestRuns.lines(config.runDir(), "dataset.jsonl");

    RunResult second = Runs.run(config, RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    List<String> after = TestRuns.lines(config.runDir(), "dataset.jsonl");
    assertThat(after).hasSize(40);
    assertThat(after.subList(0, before.size())).isEqualTo(before);
    long repeated = counts.values().stream().filter(c -> c > 1).count();
    // In flight at the cancel: at most two generation calls and the reflection calls of one chunk.
    assertThat(repeated).as("only calls in flight at the cancel may repeat").isLessThanOrEqualTo(12);
    assertThat(second.usage().cacheHits()).isPositive();
  }

  @Test
  void extend_raisingTheTargetRepeatsNoCall() {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunResult small = Runs.run(config(8), RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    List<String> first = TestRuns.lines(small.runDir(), "dataset.jsonl");
    RunResult more = Runs.run(config(8).withTarget(17), RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(more.accepted()).isEqualTo(17);
    assertThat(TestRuns.lines(more.runDir(), "dataset.jsonl").subList(0, 8)).isEqualTo(first);
    assertThat(counts.values()).allMatch(c -> c == 1);
  }
}
