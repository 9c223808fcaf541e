package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example config, from the command line, against each profile of the strict simulator over HTTP: the OpenAI
 * default, a reasoning model (rejects {@code max_tokens} and non-default sampling), Ollama (ignores {@code n}) and a
 * server without {@code json_schema}. The gateway has to learn each server's rules and still reach the target.
 */
@Timeout(600)
class ExamplesUnderProfilesCliTest {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  /** Model names that select each simulator profile (README, Simulator). */
  private static final List<String> PROFILE_MODELS =
      List.of("gpt-4o-mini", "o3-mini", "llama3.1:8b", "no-json-schema/gpt-4o-mini");

  private static Simulator sim;

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @BeforeAll
  static void start() {
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static Stream<Arguments> examplesTimesProfiles() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> configs = files.filter(p -> p.toString().endsWith(".yaml"))
          // benchmark-models.yaml configures `synthkit benchmark`, not a run
          .filter(p -> !p.getFileName().toString().startsWith("benchmark")).sorted().toList();
      for (Path config : configs) {
        for (String model : PROFILE_MODELS) {
          cases.add(Arguments.of(config.getFileName().toString(), model));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("examplesTimesProfiles")
  void everyExample_reachesItsTarget_underEveryProfile(String example, String model) {
    int exit = Main.execute("generate", EXAMPLES.resolve(example).toString(), "-q",
        "--set", "target=4", "--set", "output_dir=" + dir, "--set", "report.enabled=false",
        "--set", "models.default.provider=openai", "--set", "models.default.base_url=" + sim.baseUrl(),
        "--set", "models.default.api_key=sk-test", "--set", "models.default.model=" + model);
    assertThat(exit).as(console.out() + console.err()).isZero();
    assertThat(console.out()).contains("status: completed", "records: 4 accepted");
  }
}
