package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.SynthkitException;
import io.synthkit.config.RunConfig;
import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

@Timeout(120)
class AideRunTest {

  @TempDir
  Path dir;

  RunConfig config(Path d, int target) {
    d.toFile().mkdirs();
    return AideScript.config(d, target, AideScript.seeds(d, "Q one?", "Q two?", "Q three?"),
        AideScript.personas(d, "A nurse", "A pilot")).set("aide.attributes", 1).set("personas.k", 1)
        .set("aide.nodes_per_batch", 2).build();
  }

  @Test
  void resume_afterCancelRepeatsOnlyInFlightCallsAndEndsWithTheUninterruptedDataset() throws Exception {
    List<String> straight = TestRuns.lines(Runs.run(config(dir.resolve("a"), 45),
        RunOptions.DEFAULT.withResponder(new AideScript())).runDir(), "dataset.jsonl");
    assertThat(straight).hasSize(45);

    AideScript script = new AideScript();
    script.delayMs = 5;
    RunConfig config = config(dir.resolve("b"), 45);
    RunHandle h = Runs.start(config, RunOptions.DEFAULT.withResponder(script));
    Path dataset = config.runDir().resolve("dataset.jsonl");
    while (!Files.exists(dataset) || Files.readAllLines(dataset).size() < 6) {
      Thread.sleep(10);
    }
    h.cancel();
    assertThat(h.await().status()).isEqualTo(RunStatus.INTERRUPTED);
    Map<String, Integer> first = Map.copyOf(script.counts);

    script.delayMs = 0;
    RunResult second = Runs.run(config, RunOptions.DEFAULT.withResponder(script));
    assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(TestRuns.lines(config.runDir(), "dataset.jsonl")).isEqualTo(straight);
    long repeated = script.counts.values().stream().filter(c -> c > 1).count();
    // Two nodes expand at once, four branches each: at most 8 calls can be in flight at the cancel.
    assertThat(repeated).as("only calls in flight at the cancel may repeat").isLessThanOrEqualTo(8);
    assertThat(first.keySet().stream().filter(k -> script.counts.get(k) > 1).count()).isEqualTo(repeated);
  }

  @Test
  void extend_raisingTheTargetRepeatsNoCall() {
    AideScript script = new AideScript();
    RunConfig small = config(dir, 5);
    Runs.run(small, RunOptions.DEFAULT.withResponder(script));
    List<String> first = TestRuns.lines(small.runDir(), "dataset.jsonl");
    RunResult more = Runs.run(small.withTarget(20), RunOptions.DEFAULT.withResponder(script));
    assertThat(more.accepted()).isEqualTo(20);
    assertThat(script.counts.values()).allMatch(c -> c == 1);
    assertThat(TestRuns.lines(small.runDir(), "dataset.jsonl").subList(0, 5)).isEqualTo(first);
  }

  @Test
  void badParameters_areConfigErrors() {
    RunConfig c = AideScript.config(dir, 5, AideScript.seeds(dir, "Q?"), AideScript.personas(dir, "A nurse"))
        .set("aide.residual_rule", "sometimes").build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Runs.run(c))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("residual_rule").hasMessageContaining("paper");
    RunConfig d = AideScript.config(dir, 5, AideScript.seeds(dir, "Q?"), AideScript.personas(dir, "A nurse"))
        .set("aide.depth", 0).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Runs.run(d))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("depth must be in [1, 10]: 0");
  }

  @Test
  void sizeArithmetic_matchesTheDocs() {
    AideParams defaults = new AideParams(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
    assertThat(defaults.branching(5)).isEqualTo(14);
    assertThat(Aide.maxRecords(10, defaults.branching(5), defaults.depth())).isEqualTo(2_100);
    assertThat(Aide.maxRecords(1, 20, 2)).isEqualTo(420);
    assertThat(Aide.maxRecords(10, 1000, 10)).isEqualTo(Long.MAX_VALUE);
  }
}
