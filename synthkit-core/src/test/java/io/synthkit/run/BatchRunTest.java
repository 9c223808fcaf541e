package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.Runs;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A method run with {@code batch: true} against the built-in simulator over real HTTP: the same dataset as direct
 * calls for the same seed (the simulator answers a batched request as it answers the same request sent directly), at
 * the price's batch discount, with every batch id in the manifest.
 */
class BatchRunTest {

  @TempDir
  Path direct;

  @TempDir
  Path batched;

  static RunConfig config(Path dir, boolean batch) {
    return TestRuns.selfInstruct(dir, 20).set("seed", 11)
        .set("models.default.price", Map.of("input_per_mtok", 1.0, "output_per_mtok", 4.0))
        .set("models.default.batch", batch).set("models.default.batch_window", 0.2)
        .set("models.default.batch_poll_seconds", 0.0).build();
  }

  /** The records without what legitimately differs between sessions (timestamps). */
  static List<String> records(Path runDir) {
    return TestRuns.lines(runDir, "dataset.jsonl").stream().map(l -> {
      JsonNode n = Json.parse(l);
      return n.path("id").asText() + " " + Json.write(n.path("data"));
    }).sorted().toList();
  }

  @Test
  void selfInstructWithBatchTrue_sameDatasetAsDirect_atHalfThePrice() {
    RunResult d = Runs.run(config(direct, false));
    RunResult b = Runs.run(config(batched, true));
    assertThat(d.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(b.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(records(b.runDir())).hasSize(20).isEqualTo(records(d.runDir()));
    assertThat(b.usage().calls()).isEqualTo(d.usage().calls());
    assertThat(d.usage().costUsd()).isPositive();
    assertThat(b.usage().costUsd()).isCloseTo(d.usage().costUsd() * 0.5, within(1e-9));
    Manifest m = Manifest.read(b.runDir());
    assertThat(m.batches()).isNotEmpty();
    assertThat(Manifest.read(d.runDir()).batches()).isNull();
    assertThat(m.simulated()).isTrue();
  }
}
