package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EvaluateReportExportCliTest {

  @TempDir
  static Path shared;
  private static Path config;
  private static Path run;

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @BeforeAll
  static void generate() throws IOException {
    TestRuns.seeds(shared);
    config = shared.resolve("run.yaml");
    Files.writeString(config, "name: cli\nmethod: self-instruct\ntarget: 12\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 4}\nmodels: {default: {provider: simulated}}\n"
        + "embeddings: {provider: hashing}\n");
    PrintStream saved = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(Main.execute("generate", config.toString(), "-q")).isZero();
    } finally {
      System.setOut(saved);
    }
    run = shared.resolve("runs/cli");
  }

  private String out() {
    return console.out();
  }

  private String err() {
    return console.err();
  }

  @Test
  void generate_writesTheReportWithTheConfigsEmbedder() throws IOException {
    assertThat(run.resolve("report.html")).exists();
    JsonNode json = Json.parse(Files.readString(run.resolve("report.json")));
    assertThat(json.path("embedding").path("embedder").asText()).isEqualTo("hashing:256");
  }

  @Test
  void evaluate_json_usesTheLocalModelFromTheClasspathAndFindsTheSeeds() throws IOException {
    Path file = dir.resolve("eval.json");
    assertThat(Main.execute("evaluate", run.toString(), "--json", "--out", file.toString())).isZero();
    JsonNode printed = Json.parse(out());
    assertThat(Json.parse(Files.readString(file))).isEqualTo(printed);
    assertThat(printed.path("dataset").path("records").asInt()).isEqualTo(12);
    assertThat(printed.path("embedding").path("embedder").asText()).startsWith("local:");
    assertThat(printed.path("embedding").path("embedder_source").asText()).contains("classpath");
    assertThat(printed.path("others").get(0).path("role").asText()).isEqualTo("seeds");
    assertThat(printed.path("seed_relevance").path("via").asText()).isEqualTo("meta.parents");
  }

  @Test
  void evaluate_withConfigButNoReference_namesTheMissingReferenceAsWhyEntityOverlapWasSkipped() {
    // Was "no model configured (give --config ...)" although --config was given.
    assertThat(Main.execute("evaluate", run.toString(), "--config", config.toString(), "--embedder", "none"))
        .as(err()).isZero();
    assertThat(out()).contains("entity overlap skipped: it needs a reference set (--reference)")
        .doesNotContain("no model configured");
  }

  @Test
  void evaluate_compareAndCategorize_sideBySideWithJudgeCategories() {
    assertThat(Main.execute("evaluate", run.toString(), "--compare", run.toString(), "--categorize", "--config",
        config.toString(), "--embedder", "none")).isZero();
    String table = out();
    assertThat(table.lines().findFirst().orElseThrow()).matches("metric\\s+cli\\s+cli");
    assertThat(table).contains("categories (meta.category)").contains("per iteration").contains("cli coverage")
        .contains("meta.category assigned by --categorize: model role default (synthkit-simulator, SIMULATED)");
  }

  @Test
  void evaluate_badInput_exitsTwoWithoutAStackTrace() {
    assertThat(Main.execute("evaluate", dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err()).contains("file not found").doesNotContain("at io.synthkit");
    assertThat(Main.execute("evaluate", run.toString(), "--categorize")).isEqualTo(2);
    assertThat(err()).contains("--categorize needs --config");
    assertThat(Main.execute("evaluate", run.toString(), "--tokenizer", "nltk")).isEqualTo(2);
    assertThat(err()).contains("unknown tokenizer 'nltk'");
  }

  @Test
  void report_rewritesTheReport() throws IOException {
    Files.delete(run.resolve("report.html"));
    assertThat(Main.execute("report", run.toString(), "--embedder", "hashing", "--records", "5")).isZero();
    assertThat(out()).startsWith("report: ").contains("report.html");
    assertThat(Files.readString(run.resolve("report.html"))).contains("records sampled (seeded) from 12");
  }

  @Test
  void export_formatsAndParquet_writeFilesAndCards() throws IOException {
    Path alpaca = dir.resolve("alpaca/train.jsonl");
    assertThat(Main.execute("export", run.toString(), "--format", "alpaca", "--out", alpaca.toString())).isZero();
    assertThat(out()).contains("exported 12 rows (12 from the run) as alpaca").contains("dataset card:");
    assertThat(Files.readAllLines(alpaca)).hasSize(12).allMatch(l -> Json.parse(l).has("instruction"));
    assertThat(alpaca.resolveSibling("train.README.md")).exists();
    Path parquet = dir.resolve("pq/train.parquet");
    assertThat(Main.execute("export", run.toString(), "--format", "parquet", "--out", parquet.toString(),
        "--no-card")).isZero();
    assertThat(parquet).exists();
    assertThat(parquet.resolveSibling("train.README.md")).doesNotExist();
  }

  @Test
  void export_mistakes_exitTwo() {
    assertThat(Main.execute("export", run.toString(), "--format", "csv", "--out", dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(err()).contains("unknown export format 'csv'");
    assertThat(Main.execute("export", run.toString(), "--format", "dpo", "--out", dir.resolve("x").toString()))
        .isEqualTo(2);
    assertThat(err()).contains("dpo needs [chosen, rejected]");
    assertThat(Main.execute("export", run.toString(), "--format", "jsonl", "--out", dir.resolve("x").toString(),
        "--mix-ratio", "0.5")).isEqualTo(2);
    assertThat(err()).contains("--mix-ratio needs --mix");
  }
}
