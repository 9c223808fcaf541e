package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The newcomer's loop from the command line against a model over real HTTP: make one of the usual mistakes (a missing
 * seed file, a wrong model name, no model at all, an embeddings typo), see it fail, fix the config and run the same
 * command again. The rerun must complete in the same run directory without asking for {@code --fresh}, and no
 * {@code <name>.prev-N} copy may be left behind, with or without {@code --fresh}.
 */
@Timeout(300)
class FixAndRerunCliTest {

  private static final String GOOD_MODEL = "gpt-4o-mini";

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private Simulator sim;

  @BeforeEach
  void start() {
    // serves one model only, as a real provider does: any other name is a 404 model_not_found
    sim = Simulator.start(SimulatorOptions.DEFAULT.withModels(List.of(GOOD_MODEL)));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Writes the config and runs it; {@code model} null leaves the model out. */
  private int generate(String seeds, String model, String embeddings, String... extra) throws IOException {
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: fix\nmethod: self-instruct\ntarget: 6\noutput_dir: runs\n"
        + "data: {seeds: " + seeds + "}\nself-instruct: {batch_size: 6}\nreport: {enabled: false}\n"
        + "embeddings: {provider: " + embeddings + "}\n"
        + "models:\n  default: {provider: openai, base_url: \"" + sim.baseUrl() + "\", api_key: sk-fix,"
        + " max_retries: 1" + (model == null ? "" : ", model: " + model) + "}\n");
    String[] args = Stream.concat(Stream.of("generate", config.toString(), "-q"), Stream.of(extra))
        .toArray(String[]::new);
    return Main.execute(args);
  }

  private void fixedRunCompletes() throws IOException {
    console.clear();
    TestRuns.seeds(dir);
    int exit = generate("seeds.jsonl", GOOD_MODEL, "hashing");
    assertThat(exit).as(console.out() + console.err()).isZero();
    assertThat(console.out()).contains("status: completed", "records: 6 accepted");
    assertThat(console.err()).doesNotContain("--fresh", "different config");
    assertThat(Files.readAllLines(dir.resolve("runs/fix/dataset.jsonl"))).hasSize(6);
    assertNoCopyBehind();
  }

  private void assertNoCopyBehind() throws IOException {
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.map(p -> p.getFileName().toString())).as("no run kept aside").containsExactly("fix");
    }
  }

  private void failedCleanly(int exit, String... named) {
    String said = console.out() + console.err();
    assertThat(exit).as(said).isNotZero();
    assertThat(said).contains(named).doesNotContain("\tat ", "at io.synthkit");
  }

  @Test
  void aMissingSeedFile_fixed_reruns() throws IOException {
    Files.createDirectories(dir.resolve("runs"));
    failedCleanly(generate("seeds.jsonl", GOOD_MODEL, "hashing"), "seeds.jsonl");
    fixedRunCompletes();
  }

  @Test
  void aWrongModelName_fixed_reruns() throws IOException {
    TestRuns.seeds(dir);
    Files.createDirectories(dir.resolve("runs"));
    failedCleanly(generate("seeds.jsonl", "gpt-4o-mni", "hashing"), "gpt-4o-mni");
    long before = sim.requests();
    fixedRunCompletes();
    assertThat(sim.requests()).isGreaterThan(before);
  }

  @Test
  void aMissingModel_fixed_reruns() throws IOException {
    TestRuns.seeds(dir);
    Files.createDirectories(dir.resolve("runs"));
    failedCleanly(generate("seeds.jsonl", null, "hashing"), "model");
    fixedRunCompletes();
  }

  @Test
  void anEmbeddingsTypo_fixed_reruns() throws IOException {
    TestRuns.seeds(dir);
    Files.createDirectories(dir.resolve("runs"));
    failedCleanly(generate("seeds.jsonl", GOOD_MODEL, "locl"), "locl");
    fixedRunCompletes();
  }

  @Test
  void fresh_afterAFailedAttempt_leavesNoCopyBehind() throws IOException {
    TestRuns.seeds(dir);
    Files.createDirectories(dir.resolve("runs"));
    failedCleanly(generate("seeds.jsonl", "gpt-4o-mni", "hashing"), "gpt-4o-mni");
    console.clear();
    int exit = generate("seeds.jsonl", GOOD_MODEL, "hashing", "--fresh");
    assertThat(exit).as(console.out() + console.err()).isZero();
    assertNoCopyBehind();
    // a second --fresh over a run that did real work keeps that work aside, as documented
    console.clear();
    assertThat(generate("seeds.jsonl", GOOD_MODEL, "hashing", "--fresh")).as(console.err()).isZero();
    assertThat(dir.resolve("runs/fix.prev-1/dataset.jsonl")).exists();
  }
}
