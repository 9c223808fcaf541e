package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkCommandTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void benchmark_printsATableAndWritesTheJsonReport() throws Exception {
    Path models = dir.resolve("models.yaml");
    Files.writeString(models, "models:\n  default: {provider: simulated}\n  small: {model: small-1}\n"
        + "  large: {model: large-1}\n");
    Path items = dir.resolve("items.jsonl");
    Files.writeString(items, "{\"question\": \"What is 2 + 3?\", \"answer\": 5}\n"
        + "{\"question\": \"What is 4 * 4?\", \"answer\": 16}\n");
    int code = Main.execute("benchmark", "--dataset", items.toString(), "--config", models.toString());
    String text = console.out();
    assertThat(code).isZero();
    assertThat(text).contains("benchmark of " + items + " (2 items), judge: judge").contains("large-1")
        .contains("small-1").contains("SIMULATED");
    JsonNode report = Json.parse(Files.readString(dir.resolve("items.jsonl.benchmark.json")));
    assertThat(report.path("scores")).hasSize(2);
    JsonNode small = report.path("scores").get(1);
    assertThat(small.path("role").asText()).isEqualTo("small");
    assertThat(small.path("correct").asInt() + small.path("incorrect").asInt() + small.path("unparseable").asInt())
        .isEqualTo(2);
  }

  @Test
  void unknownRole_exitsWithAnInputError() throws Exception {
    Path models = dir.resolve("models.yaml");
    Files.writeString(models, "models:\n  default: {provider: simulated}\n");
    Path items = dir.resolve("items.jsonl");
    Files.writeString(items, "{\"question\": \"q\", \"answer\": 1}\n");
    int code = Main.execute("benchmark", "--dataset", items.toString(), "--config", models.toString(), "--models",
        "nope");
    assertThat(code).isEqualTo(2);
    assertThat(console.err()).contains("model role 'nope' is not in the config's models");
  }
}
