package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a newcomer makes are found before the run directory exists, with a message that says what to fix. */
class UpFrontChecksCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private Path config(String body) throws IOException {
    TestRuns.seeds(dir);
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "name: cli\nmethod: self-instruct\noutput_dir: runs\ndata: {seeds: seeds.jsonl}\n"
        + "target: 4\n" + body);
    return f;
  }

  private Path runDir() {
    return dir.resolve("runs/cli");
  }

  @Test
  void unknownEmbeddingsProvider_isRejectedWithTheKnownNames() throws IOException {
    Path f = config("embeddings: {provider: locl}\nmodels: {default: {provider: simulated}}\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(2);
    assertThat(console.err()).contains("embeddings.provider \"locl\"", "hashing").doesNotContain("at io.synthkit");
    assertThat(runDir()).doesNotExist();
  }

  @Test
  void halfAPrice_namesTheMissingField() throws IOException {
    Path f = config("");
    assertThat(Main.execute("generate", f.toString(), "-q", "--set", "models.default.price.input_per_mtok=0.15"))
        .isEqualTo(2);
    assertThat(console.err()).contains("models.default.price.output_per_mtok: missing")
        .doesNotContain("not a valid");
    assertThat(runDir()).doesNotExist();
  }

  @Test
  void openAiWithoutAKey_failsAtOnceNamingTheVariable() throws IOException {
    Assumptions.assumeTrue(System.getenv("OPENAI_API_KEY") == null, "OPENAI_API_KEY is set here");
    Path f = config("models: {default: {provider: openai, model: gpt-4o-mini}}\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(2);
    assertThat(console.err()).contains("models.default", "api_key", "OPENAI_API_KEY")
        .doesNotContain("connection failed");
    assertThat(runDir()).doesNotExist();
  }

  @Test
  void anEndpointWhereNothingListens_failsAtStartWithExit3() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free once closed: connecting is refused
    }
    Path f = config("models: {default: {provider: openai, base_url: \"http://127.0.0.1:" + port + "/v1\","
        + " model: m, max_retries: 6}}\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(3);
    assertThat(console.err()).contains("http://127.0.0.1:" + port + "/v1", "nothing answers", "base_url")
        .doesNotContain("at io.synthkit");
    assertThat(runDir()).doesNotExist();
  }

  @Test
  void aReachableServer_passesTheCheck_andTheSimulatorStillRuns() throws IOException {
    try (Simulator sim = Simulator.start(null)) {
      Path f = config("models: {default: {provider: openai, base_url: \"" + sim.baseUrl() + "\", model: m,"
          + " api_key: sk-test}}\n");
      assertThat(Main.execute("generate", f.toString(), "-q")).isZero();
    }
    Path g = config("models: {default: {provider: simulated}}\nname: sim\n");
    Files.writeString(g, Files.readString(g).replace("name: cli\n", ""));
    assertThat(Main.execute("generate", g.toString(), "-q")).isZero();
  }
}
