package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch durability on real processes: {@code kill -9} the CLI while its batch job is running (after the job was
 * journaled in state.db), run the same command again, and the run adopts the job: no request is ever submitted in two
 * batches, the run reaches its target, and the manifest lists the killed session's batch too.
 */
@Timeout(300)
class BatchKillNineTest {

  static final int TARGET = 12;

  @TempDir
  Path dir;

  @Test
  void killMinus9_duringABatch_thenRerun_adoptsTheBatch() throws Exception {
    TestRuns.seeds(dir);
    // A batch stays in progress for 40 polls: the first process is killed while it polls.
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(40, 0, 0))) {
      Path config = dir.resolve("run.yaml");
      Files.writeString(config, "name: b9\nmethod: self-instruct\ntarget: " + TARGET + "\noutput_dir: runs\n"
          + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 6}\nmodels:\n  default: {provider: openai,"
          + " base_url: \"" + sim.baseUrl() + "\", api_key: sk-b9, model: sim-model, max_concurrency: 4,"
          + " batch: true, batch_poll_seconds: 0.05, batch_window: 0.2}\n");
      Process first = CliProcess.generate(dir, config);
      Path state = dir.resolve("runs/b9/state.db");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (journaledIds(state).isEmpty()) {
        assertThat(first.isAlive()).as("the first process is still running").isTrue();
        assertThat(System.nanoTime()).as("a batch was journaled in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      first.destroyForcibly(); // SIGKILL: the batch is running on the provider's side
      first.waitFor(30, TimeUnit.SECONDS);
      List<String> killed = journaledIds(state);
      assertThat(sim.batchIds()).containsAll(killed);

      Process second = CliProcess.generate(dir, config);
      assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();
      assertThat(Files.readAllLines(dir.resolve("runs/b9/dataset.jsonl"))).hasSize(TARGET);

      // every request went up in exactly one batch: the killed session's batch was adopted, not resubmitted
      Set<String> customIds = new HashSet<>();
      int lines = 0;
      for (String input : inputFiles(sim)) {
        for (String line : sim.fineTuning().fileContent(input).split("\n")) {
          if (!line.isBlank()) {
            lines++;
            customIds.add(Json.parse(line).path("custom_id").asText());
          }
        }
      }
      assertThat(lines).isPositive();
      assertThat(customIds).as("no request in two batches").hasSize(lines);
      JsonNode manifest = Json.parse(Files.readString(dir.resolve("runs/b9/manifest.json")));
      assertThat(manifest.path("status").asText()).isEqualTo("completed");
      List<String> listed = new ArrayList<>();
      manifest.path("batches").forEach(b -> listed.add(b.asText()));
      assertThat(listed).containsAll(killed).containsExactlyInAnyOrderElementsOf(sim.batchIds());
    }
  }

  /** The batch ids the run journaled, read from its state.db as another process would. */
  private static List<String> journaledIds(Path state) throws SQLException {
    if (!Files.exists(state)) {
      return List.of();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state);
        ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kv WHERE ns = 'batch' AND k = 'ids'")) {
      return rs.next() ? List.of(rs.getString(1).split(",")) : List.of();
    } catch (SQLException e) {
      return List.of(); // not created yet, or locked for a moment
    }
  }

  /** Input file ids of every batch, from the list endpoint (which, unlike retrieving a batch, is not a poll). */
  private static List<String> inputFiles(Simulator sim) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    CliProcess.batches(sim, "sk-b9").forEach(b -> out.add(b.path("input_file_id").asText()));
    return out;
  }
}
