package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What {@code synthkit generate} prints about its progress when stderr is not a terminal (CI, logs, pipes). */
@Timeout(180)
class ProgressCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void notATerminal_printsPlainProgressLinesPeriodically_overRealHttp() throws Exception {
    // Every reply takes a second, so the run lasts at least three rounds of seconds whatever the machine's speed.
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withLatencyAndCapacity(1000, 64))) {
      TestRuns.seeds(dir);
      Path config = dir.resolve("run.yaml");
      Files.writeString(config, "name: progress\nmethod: self-instruct\noutput_dir: runs\ntarget: 12\n"
          + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 4}\nmodels:\n  default: {provider: openai,"
          + " base_url: \"" + sim.baseUrl() + "\", api_key: sk-test, model: m}\n");

      assertThat(Main.execute("generate", config.toString(), "--progress-every", "1")).isZero();

      String err = console.err();
      assertThat(err).doesNotContain("\r");
      List<String> lines = err.lines().filter(l -> l.startsWith("[synthkit] ")).toList();
      List<String> generating = lines.stream().filter(l -> l.contains("| generating · round ")).toList();
      // The step's name changes once (starting -> generating): more lines than that come from the period.
      assertThat(generating).as(err).hasSizeGreaterThanOrEqualTo(3);
      assertThat(generating).allSatisfy(l -> assertThat(l).containsPattern("\\d+/12 accepted .* calls, .*"
          + "generating · round \\d+, 4 prompts \\[\\d/4]"));
      assertThat(lines).last().satisfies(l -> assertThat(l).startsWith("[synthkit] 12/12 accepted (100%)")
          .endsWith("| completed"));
      assertThat(console.out()).contains("status: completed");
    }
  }

  @Test
  void progressEvery_belowOneSecond_isAUserError() throws Exception {
    TestRuns.seeds(dir);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: p\nmethod: self-instruct\noutput_dir: runs\ntarget: 2\n"
        + "data: {seeds: seeds.jsonl}\n");
    assertThat(Main.execute("generate", config.toString(), "--progress-every", "0")).isEqualTo(2);
    assertThat(console.err()).contains("--progress-every must be at least 1").doesNotContain("Exception");
    assertThat(dir.resolve("runs/p")).doesNotExist();
  }
}
