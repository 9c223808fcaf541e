package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  Path config(String body) throws IOException {
    TestRuns.seeds(dir);
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "name: cli\nmethod: self-instruct\noutput_dir: runs\ndata: {seeds: seeds.jsonl}\n"
        + "self-instruct: {batch_size: 4}\n" + body);
    return f;
  }

  @Test
  void version_andHelp() {
    assertThat(Main.execute("--version")).isZero();
    assertThat(out()).startsWith("synthkit ");
    assertThat(Main.execute("--help")).isZero();
    assertThat(out()).contains("generate", "simulate", "methods", "prompts");
  }

  @Test
  void methods_listsParametersWithDefaults() {
    assertThat(Main.execute("methods", "self-instruct")).isZero();
    assertThat(out()).contains("self-instruct", "examples_per_prompt", "rouge_threshold", "0.7", "generator");
    assertThat(Main.execute("methods", "nope")).isEqualTo(2);
    assertThat(err()).contains("unknown method 'nope'");
  }

  @Test
  void prompts_listShowExport() {
    assertThat(Main.execute("prompts", "list")).isZero();
    assertThat(out()).contains("self-instruct/generate", "llm/repair");
    assertThat(Main.execute("prompts", "show", "self-instruct/generate")).isZero();
    assertThat(out()).contains("[user]");
    assertThat(Main.execute("prompts", "export", dir.resolve("p").toString())).isZero();
    assertThat(dir.resolve("p/self-instruct/generate.txt")).exists();
  }

  @Test
  void generate_completesOnTheSimulatorAndSaysSo() throws IOException {
    assertThat(Main.execute("generate", config("target: 6\n").toString(), "-q")).isZero();
    assertThat(out()).contains("status: completed", "records: 6 accepted", "SIMULATED");
    assertThat(err()).contains("built-in simulator");
    assertThat(Files.readAllLines(dir.resolve("runs/cli/dataset.jsonl"))).hasSize(6);
  }

  @Test
  void generate_configErrorExits2WithFileAndLineAndNoStackTrace() throws IOException {
    Path f = config("target: 6\nmodels:\n  default:\n    provider: simulated\n    temprature: 1\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(2);
    assertThat(err()).contains("synthkit: error: run.yaml:10: models.default.temprature: unknown key");
    assertThat(err()).doesNotContain("Exception", "\tat ");
    assertThat(Main.execute("generate", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    assertThat(err()).contains("config file not found");
    assertThat(Main.execute("generate")).isEqualTo(2);
  }

  @Test
  void generate_authFailureExits3() throws IOException {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.error(401, null))) {
      Path f = config("target: 3\nmodels:\n  default: {provider: openai, base_url: \"" + sim.baseUrl()
          + "\", api_key: sk-bad, model: m}\n");
      assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(3);
      assertThat(out()).contains("status: failed");
      assertThat(out() + err()).contains("authentication failed").doesNotContain("sk-bad");
    }
  }

  @Test
  void generate_budgetExhaustedExits4() throws IOException {
    Path f = config("target: 50\nbudget: {max_tokens: 2000}\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(4);
    assertThat(out()).contains("status: budget_exhausted", "raise budget");
  }

  @Test
  void generate_priced_neverSpendsPastMaxCostUsd_with32CallsInFlight() throws IOException {
    Path f = config("target: 400\nbudget: {max_cost_usd: 0.5}\nmodels:\n  default: {provider: simulated,"
        + " max_concurrency: 32, price: {input_per_mtok: 100, output_per_mtok: 400}}\n");
    assertThat(Main.execute("generate", f.toString(), "-q")).isEqualTo(4);
    assertThat(out()).contains("status: budget_exhausted");
    io.synthkit.run.Manifest m = io.synthkit.run.Manifest.read(dir.resolve("runs/cli"));
    assertThat(m.message()).contains("budget.max_cost_usd $0.5000", "was not sent");
    assertThat(m.usage().total().costUsd()).isPositive().isLessThanOrEqualTo(0.5);
    assertThat(m.usage().total().calls()).isGreaterThan(1);
  }

  @Test
  void dryRun_estimatesWithoutCreatingTheRun() throws IOException {
    Path f = config("target: 8\nmodels:\n  default: {provider: openai, base_url: \"http://127.0.0.1:9/v1\", model: m,"
        + " price: {input_per_mtok: 2.5, output_per_mtok: 10}}\n");
    assertThat(Main.execute("generate", f.toString(), "--dry-run")).isZero();
    assertThat(out()).contains("dry run of self-instruct", "generator", "total");
    assertThat(out()).containsPattern("total\\s+\\d+\\s+\\d+\\s+\\d+\\s+0\\.0\\d*[1-9]");
    assertThat(dir.resolve("runs/cli")).doesNotExist();
  }

  @Test
  void index_buildsAnIndex_andRejectsPassageSizesAtOrBelowTheOverlap() throws IOException {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(corpus, "{\"id\": \"1\", \"title\": \"Danube\", \"text\": \"The Danube flows into the Black"
        + " Sea.\"}\n{\"id\": \"2\", \"title\": \"Rhine\", \"text\": \"The Rhine flows into the North Sea.\"}\n");
    assertThat(Main.execute("index", corpus.toString(), "--out", dir.resolve("ix").toString())).isZero();
    assertThat(out()).contains("indexed 2 documents");
    assertThat(Main.execute("index", corpus.toString(), "--out", dir.resolve("ix2").toString(),
        "--passage-words", "30")).isEqualTo(2);
    assertThat(err()).contains("--passage-words 30 --overlap-words 40").doesNotContain("at io.synthkit");
    assertThat(Main.execute("index", corpus.toString(), "--out", dir.resolve("ix3").toString(),
        "--passage-words", "30", "--overlap-words", "5")).isZero();
  }
}
