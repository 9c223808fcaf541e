package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, tested on real processes: {@code kill -9} a generating CLI at several moments, run the same
 * command again, and the run ends with exactly {@code target} unique records, every complete line written before a kill
 * unchanged, no torn lines, and no model call repeated except those in flight at a kill.
 */
@Timeout(300)
class KillNineResumeTest {

  static final int TARGET = 60;
  static final int CONCURRENCY = 4;

  @TempDir
  Path dir;

  @Test
  void killMinus9_thenRerun_endsExactlyAtTargetWithoutRepeatingCompletedCalls() throws Exception {
    TestRuns.seeds(dir);
    try (Simulator sim = Simulator.start(new SimulatorOptions(40, 20, null, null, null, null, null, null, null, null,
        null, null, null, 5L, null, null))) {
      Path config = dir.resolve("run.yaml");
      Files.writeString(config, "name: k9\nmethod: self-instruct\ntarget: " + TARGET + "\noutput_dir: runs\n"
          + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 6}\nmodels:\n  default: {provider: openai,"
          + " base_url: \"" + sim.baseUrl() + "\", api_key: sk-k9, model: sim-model, max_concurrency: " + CONCURRENCY + "}\n");
      Path dataset = dir.resolve("runs/k9/dataset.jsonl");
      List<String> kept = new ArrayList<>();
      Map<String, Integer> callsBefore = new HashMap<>();
      int kills = 0;
      for (int killAt : new int[] {5, 23, 41}) {
        Process p = CliProcess.generate(dir, config);
        waitForLines(dataset, killAt, p);
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no manifest
        p.waitFor(30, TimeUnit.SECONDS);
        kills++;
        List<String> complete = completeLines(dataset);
        assertThat(complete.subList(0, kept.size())).as("lines written before kill %d", kills).isEqualTo(kept);
        kept = complete;
        callsBefore = sim.callKeyCounts();
      }
      Process last = CliProcess.generate(dir, config);
      assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(last.exitValue()).as("CLI output and crash logs:%n%s", diagnostics()).isZero();

      List<String> lines = Files.readAllLines(dataset);
      assertThat(lines).hasSize(TARGET);
      assertThat(lines.subList(0, kept.size())).isEqualTo(kept);
      HashSet<String> ids = new HashSet<>();
      for (String line : lines) {
        JsonNode n = Json.parse(line);
        assertThat(ids.add(n.path("id").asText())).as("unique id " + n.path("id")).isTrue();
      }
      long repeated = sim.callKeyCounts().values().stream().filter(c -> c > 1).count();
      assertThat(repeated).as("only calls in flight at a kill may be repeated").isLessThanOrEqualTo(
          (long) kills * CONCURRENCY);
      assertThat(callsBefore).isNotEmpty();
      JsonNode manifest = Json.parse(Files.readString(dir.resolve("runs/k9/manifest.json")));
      assertThat(manifest.path("status").asText()).isEqualTo("completed");
      assertThat(manifest.path("accepted").asInt()).isEqualTo(TARGET);
      assertThat(manifest.path("simulated").asBoolean()).isTrue();
      assertThat(manifest.path("timings").path("sessions").asInt()).isEqualTo(kills + 1);
    }
  }

  /** The CLI's output logs and any JVM crash file, for a failing assertion's message. */
  private String diagnostics() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("(out-.*\\.log|hs_err_.*\\.log)"))
          .sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.ISO_8859_1);
        sb.append("== ").append(f.getFileName()).append('\n')
            .append(text.length() > 4000 ? text.substring(0, 4000) : text).append('\n');
      }
    }
    return sb.toString();
  }

  private static void waitForLines(Path dataset, int n, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (completeLines(dataset).size() < n) {
      if (!p.isAlive()) {
        throw new AssertionError("the CLI exited early with " + p.exitValue());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no progress to " + n + " lines");
      }
      Thread.sleep(5);
    }
  }

  /** The lines that end with a newline: what was fully written. */
  private static List<String> completeLines(Path dataset) throws IOException {
    if (!Files.exists(dataset)) {
      return List.of();
    }
    String text = Files.readString(dataset);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
  }
}
