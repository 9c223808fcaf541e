package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synthkit evaluate --categorize} with a judge role set to {@code batch: true}: the judge's calls go through
 * the simulator's Batch API over real HTTP and the categories are the ones direct calls give.
 */
@Timeout(300)
class BatchEvaluateCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private Path config(Simulator sim, boolean batch) throws IOException {
    Path f = dir.resolve("run-" + batch + ".yaml");
    Files.writeString(f, "name: ev\nmethod: self-instruct\ntarget: 8\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 4}\nembeddings: {provider: hashing}\n"
        + "report: {enabled: false}\nmodels:\n  default: {provider: openai, base_url: \"" + sim.baseUrl() + "\","
        + " api_key: sk-ev, model: gpt-4o-mini, batch: " + batch + ", batch_poll_seconds: 0.05,"
        + " batch_window: 0.2}\n");
    return f;
  }

  private JsonNode categories(Simulator sim, boolean batch) throws IOException {
    console.clear();
    int code = Main.execute("evaluate", dir.resolve("runs/ev").toString(), "--categorize", "--config",
        config(sim, batch).toString(), "--embedder", "none", "--json");
    assertThat(code).as(console.out() + console.err()).isZero();
    JsonNode report = Json.parse(console.out());
    assertThat(report.toString()).contains("categor");
    return report;
  }

  @Test
  void evaluateCategorize_withBatchTrue_givesTheDirectCategories() throws IOException {
    TestRuns.seeds(dir);
    try (Simulator sim = Simulator.start(null)) {
      assertThat(Main.execute("generate", config(sim, false).toString(), "-q")).as(console.err()).isZero();
      JsonNode direct = categories(sim, false);
      assertThat(sim.batchIds()).isEmpty();
      JsonNode batched = categories(sim, true);
      assertThat(sim.batchIds()).as("the judge's calls went through batches").isNotEmpty();
      assertThat(batched).isEqualTo(direct);
    }
  }
}
