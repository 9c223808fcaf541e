package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synthkit benchmark} with {@code batch: true}: the candidates' answers and the judge's verdicts go through the
 * simulator's Batch API over real HTTP, and the scores are the ones the same benchmark gets with direct calls.
 */
@Timeout(300)
class BatchBenchmarkCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private JsonNode scores(Simulator sim, boolean batch) throws IOException {
    Path models = dir.resolve("models-" + batch + ".yaml");
    Files.writeString(models, "models:\n  default: {provider: openai, base_url: \"" + sim.baseUrl() + "\","
        + " api_key: sk-bench, model: gpt-4o-mini, batch: " + batch + ", batch_poll_seconds: 0.05,"
        + " batch_window: 0.2}\n  small: {model: small-1}\n  large: {model: large-1}\n");
    Path items = Files.createDirectories(dir.resolve(batch ? "batched" : "direct")).resolve("items.jsonl");
    Files.writeString(items, "{\"question\": \"What is 2 + 3?\", \"answer\": 5}\n"
        + "{\"question\": \"What is 4 * 4?\", \"answer\": 16}\n{\"question\": \"What is 9 - 7?\", \"answer\": 2}\n");
    int code = Main.execute("benchmark", "--dataset", items.toString(), "--config", models.toString());
    assertThat(code).as(console.out() + console.err()).isZero();
    JsonNode scores = Json.parse(Files.readString(items.resolveSibling("items.jsonl.benchmark.json")))
        .path("scores");
    assertThat(scores).hasSize(2);
    return scores;
  }

  private static String counts(JsonNode scores) {
    StringBuilder sb = new StringBuilder();
    scores.forEach(s -> sb.append(s.path("role").asText()).append(' ').append(s.path("correct").asInt()).append('/')
        .append(s.path("incorrect").asInt()).append('/').append(s.path("unparseable").asInt()).append('\n'));
    return sb.toString();
  }

  @Test
  void benchmark_withBatchTrue_scoresAsWithDirectCalls() throws IOException {
    try (Simulator sim = Simulator.start(null)) {
      String direct = counts(scores(sim, false));
      assertThat(sim.batchIds()).isEmpty();
      String batched = counts(scores(sim, true));
      assertThat(sim.batchIds()).as("the benchmark's calls went through batches").isNotEmpty();
      assertThat(batched).isEqualTo(direct);
    }
  }
}
