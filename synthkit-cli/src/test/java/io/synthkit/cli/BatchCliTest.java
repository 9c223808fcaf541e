package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Example configs from the command line with {@code --set models.default.batch=true}: every model call goes through
 * the simulator's OpenAI Batch API (some requests failing or expiring and being retried directly), the run reaches
 * its target, its records are marked simulated, and the manifest lists exactly the batches the server received.
 */
@Timeout(600)
class BatchCliTest {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"quickstart.yaml", "aide-mcq.yaml"})
  void example_withBatchTrue_reachesItsTargetThroughBatches(String example) throws IOException {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(2, 0.1, 0.1))) {
      int exit = Main.execute("generate", EXAMPLES.resolve(example).toString(), "-q",
          "--set", "target=6", "--set", "output_dir=" + dir, "--set", "report.enabled=false", "--set", "name=b",
          "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
          "--set", "models.default.api_key=sk-test", "--set", "models.default.model=gpt-4o-mini",
          "--set", "models.default.batch=true", "--set", "models.default.batch_poll_seconds=0.05",
          "--set", "models.default.batch_window=0.2");
      assertThat(exit).as(console.out() + console.err()).isZero();
      assertThat(console.out()).contains("status: completed", "records: 6 accepted");
      JsonNode manifest = Json.parse(Files.readString(dir.resolve("b/manifest.json")));
      assertThat(manifest.path("simulated").asBoolean()).isTrue();
      List<String> listed = new ArrayList<>();
      manifest.path("batches").forEach(b -> listed.add(b.asText()));
      assertThat(listed).isNotEmpty().containsExactlyInAnyOrderElementsOf(sim.batchIds());
      for (String line : Files.readAllLines(dir.resolve("b/dataset.jsonl"))) {
        assertThat(Json.parse(line).path("meta").path("simulated").asBoolean()).isTrue();
      }
    }
  }
  private static final class Run {
    static boolean isRunConfig(Path p) {
      try {
        return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("method:"));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  static Stream<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      // Run configs only (benchmark-models.yaml configures `synthkit benchmark`, not a method).
      return files.filter(p -> p.toString().endsWith(".yaml") && Run.isRunConfig(p))
          .map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /**
   * Every example config with {@code batch: true} gives the dataset the same config gives with direct calls (the
   * simulator answers a batched request as it answers the same request sent directly), at half the price.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExample_withBatchTrue_givesTheDirectDataset(String example) throws IOException {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(1, 0, 0))) {
      List<String> direct = records(sim, example, "direct", false);
      List<String> batched = records(sim, example, "batched", true);
      assertThat(batched).as(example).isNotEmpty().isEqualTo(direct);
      assertThat(sim.batchIds()).isNotEmpty();
    }
  }

  private List<String> records(Simulator sim, String example, String name, boolean batch) throws IOException {
    int exit = Main.execute("generate", EXAMPLES.resolve(example).toString(), "-q",
        "--set", "target=4", "--set", "output_dir=" + dir, "--set", "report.enabled=false", "--set", "name=" + name,
        "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
        "--set", "models.default.api_key=sk-test", "--set", "models.default.model=gpt-4o-mini",
        "--set", "models.default.batch=" + batch, "--set", "models.default.batch_poll_seconds=0.05",
        "--set", "models.default.batch_window=0.2");
    assertThat(exit).as(console.out() + console.err()).isZero();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name).resolve("dataset.jsonl"))) {
      JsonNode n = Json.parse(line);
      out.add(n.path("id").asText() + " " + Json.write(n.path("data")));
    }
    return out.stream().sorted().toList();
  }
}
