package io.synthkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade's entry points beyond running, used as a Java user would: a simulated self-instruct run is evaluated,
 * reported, exported and benchmarked, and a persona pool is built. Model roles answer through scripted responders,
 * so the values checked here are the ones the scripts imply.
 */
class SynthkitFacadeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path shared;
  private static Path seeds;
  private static Path run;
  private static Path config;
  private static List<DataRecord> records;

  @TempDir
  Path dir;

  @BeforeAll
  static void simulatedRun() throws IOException {
    seeds = shared.resolve("seeds.jsonl");
    StringBuilder sb = new StringBuilder();
    for (String topic : List.of("bake bread", "explain photosynthesis", "write a limerick", "compare TCP and UDP",
        "plan a trip to Lisbon", "fix a leaking tap")) {
      sb.append("{\"instruction\": \"Please tell me how to ").append(topic).append(".\", \"output\": \"About ")
          .append(topic).append(".\"}\n");
    }
    Files.writeString(seeds, sb.toString());
    RunSpec spec = Synthkit.spec("facade", "self-instruct").target(8).outputDir(shared.resolve("runs")).seeds(seeds)
        .simulated().set("self-instruct.batch_size", 4).set("report.enabled", false).environment(Map.of())
        .baseDir(shared).build();
    RunResult result = Synthkit.run(spec);
    run = result.runDir();
    records = Synthkit.records(run);
    assertThat(records).hasSize(8);
    config = shared.resolve("run.yaml");
    Files.writeString(config, """
        name: facade
        method: self-instruct
        target: 8
        data: {seeds: seeds.jsonl}
        models:
          default: {provider: simulated}
          judge: {model: judge-1}
          extractor: {model: extractor-1}
        embeddings: {provider: hashing}
        """);
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static void assertInputError(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(SynthkitException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_USAGE));
  }

  @Test
  void batchTrue_fromTheJavaApi_goesThroughTheBatchApiAtHalfThePrice() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      RunSpec spec = Synthkit.spec("batched", "self-instruct").target(6).outputDir(dir).seeds(seeds)
          .set("models.default.provider", "openai").set("models.default.base_url", sim.baseUrl())
          .set("models.default.api_key", "sk-test").set("models.default.model", "gpt-4o-mini")
          .set("models.default.price", Map.of("input_per_mtok", 1.0, "output_per_mtok", 4.0))
          .set("models.default.batch", true).set("models.default.batch_window", 0.2)
          .set("models.default.batch_poll_seconds", 0.05).set("report.enabled", false).environment(Map.of())
          .baseDir(shared).build();
      RunResult r = Synthkit.run(spec);
      assertThat(r.accepted()).isEqualTo(6);
      assertThat(sim.batchIds()).isNotEmpty();
      // Every call went through a batch, so the run cost half of its tokens at the list price.
      double list = (r.usage().promptTokens() * 1.0 + r.usage().completionTokens() * 4.0) / 1_000_000;
      assertThat(r.usage().costUsd()).isCloseTo(list * 0.5, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void evaluate_readsMetricValuesThatMatchTheRecords() {
    Evaluation.Result r = Synthkit.evaluate(Evaluation.of(run).withTokenizer("whitespace")
        .withFields("data.instruction", null).withEmbedder("none"));

    assertThat(r.datasets()).hasSize(1);
    Evaluation.Measured m = r.datasets().get(0);
    assertThat(m.name()).isEqualTo("facade");
    assertThat(m.json()).isEqualTo(r.json());
    assertThat(m.number("dataset.records")).hasValue(8);
    // distinct-1 over whitespace tokens, computed here from the records themselves.
    List<String> tokens = new ArrayList<>();
    records.forEach(rec -> tokens.addAll(List.of(rec.data().path("instruction").asText().strip().split("\\s+"))));
    assertThat(m.number("distinct.0.value")).hasValue((double) new HashSet<>(tokens).size() / tokens.size());
    assertThat(m.number("embedding.aps")).isEmpty();
    assertThat(m.metrics()).containsEntry("records", "8").containsKey("distinct-1 (whitespace)");
    assertThat(m.notes()).contains("embedding metrics skipped: no embedder");
    assertThat(r.table()).startsWith("metric").contains("distinct-1 (whitespace)").contains("notes (facade)");
  }

  @Test
  void evaluate_severalDatasetsSideBySide_countsNearDuplicates() throws IOException {
    Path a = dir.resolve("a.jsonl");
    Files.writeString(a, """
        {"text": "the quick brown fox jumps over the lazy dog"}
        {"text": "the quick brown fox jumps over the lazy dog"}
        {"text": "the quick brown fox jumps over the lazy dog"}
        {"text": "a rocket left the launch pad at dawn with three people on board"}
        """);
    Path b = dir.resolve("b.jsonl");
    Files.writeString(b, """
        {"text": "one sentence about gardens and the plants in them"}
        {"text": "another sentence about oceans and the fish in them"}
        """);

    Evaluation.Result r = Synthkit.evaluate(Evaluation.of(a).compareWith(b).withEmbedder("none"));

    assertThat(r.datasets()).extracting(Evaluation.Measured::name).containsExactly("a.jsonl", "b.jsonl");
    assertThat(r.json().path("datasets")).hasSize(2);
    assertThat(r.datasets().get(0).number("near_duplicates.duplicates")).hasValue(2);
    assertThat(r.datasets().get(0).number("near_duplicates.checked")).hasValue(4);
    assertThat(r.datasets().get(1).number("near_duplicates.duplicates")).hasValue(0);
    assertThat(r.table().lines().findFirst().orElseThrow()).matches("metric\\s+a\\.jsonl\\s+b\\.jsonl");
  }

  @Test
  void evaluate_withAConfig_categorizesWithTheJudgeAndExtractsEntitiesWithTheExtractor() {
    Map<String, String> modelByKey = new ConcurrentHashMap<>();
    Responder script = req -> {
      modelByKey.put(req.callKey(), req.model());
      if (req.callKey().startsWith("evaluate/categorize/")) {
        return SimResponse.json(JSON.createObjectNode().put("category", "How-To"));
      }
      boolean reference = req.callKey().startsWith("evaluate/entities/reference/");
      return SimResponse.json(JSON.createObjectNode().set("entities",
          JSON.valueToTree(reference ? List.of("Lisbon", "TCP") : List.of("Lisbon", "Paris"))));
    };

    Evaluation.Result r = Synthkit.evaluate(Evaluation.of(run).withConfig(config).withCategorize(true)
        .withReference(seeds).withSamples(1000, 2000, 5).withEmbedder("none"), script);

    Evaluation.Measured m = r.datasets().get(0);
    assertThat(m.json().path("categories").toString()).contains("how-to");
    assertThat(m.notes()).anySatisfy(n -> assertThat(n)
        .startsWith("meta.category assigned by --categorize: model role judge (judge-1, SIMULATED)"));
    // Reference {Lisbon, TCP} and generated {Lisbon, Paris} share one entity: 1 / min(2, 2).
    assertThat(m.number("entities.overlap")).hasValue(0.5);
    assertThat(m.number("entities.generated_sample")).hasValue(5);
    assertThat(modelByKey).allSatisfy((key, model) -> assertThat(model)
        .isEqualTo(key.startsWith("evaluate/categorize/") ? "judge-1" : "extractor-1"));
  }

  @Test
  void evaluate_mistakesAreInputErrors() {
    assertInputError(() -> Synthkit.evaluate(Evaluation.of(run).withCategorize(true)), "--categorize needs --config");
    assertInputError(() -> Synthkit.evaluate(Evaluation.of(run).withTokenizer("nltk")), "unknown tokenizer 'nltk'");
    assertInputError(() -> Synthkit.evaluate(Evaluation.of(run).withSamples(1, 2000, 200)),
        "selfBleuSample must be at least 2");
    assertInputError(() -> Synthkit.evaluate(Evaluation.of(dir.resolve("missing.jsonl"))), "not found");
  }

  @Test
  void report_rewritesTheReportWithTheConfigsEmbedderAndSeeds() throws IOException {
    Path html = Synthkit.report(run, Evaluation.Report.DEFAULT.withConfig(config).withSizes(3, 10, 10));

    assertThat(html).isEqualTo(run.resolve("report.html"));
    assertThat(Files.readString(html)).contains("3 records sampled (seeded) from 8");
    JsonNode json = JSON.readTree(Files.readString(run.resolve("report.json")));
    assertThat(json.path("embedding").path("embedder").asText()).isEqualTo("hashing:256");
    assertThat(Path.of(json.path("seeds_file").asText())).isEqualTo(seeds.toAbsolutePath());
    assertInputError(() -> Synthkit.report(dir), "directory without dataset.jsonl");
  }

  @Test
  void export_writesTheFormatWithACardAndMixesAnotherDatasetIn() throws IOException {
    Path out = dir.resolve("alpaca/train.jsonl");
    Export.Result r = Synthkit.export(Export.of(run, Export.Format.ALPACA, out));

    assertThat(List.of(r.rows(), r.fromRun(), r.mixed(), r.skipped())).containsExactly(8, 8, 0, 0);
    assertThat(r.card()).isEqualTo(out.resolveSibling("train.README.md")).exists();
    assertThat(r.mapping()).isEqualTo("prompt=instruction,response=output");
    assertThat(lines(out)).extracting(l -> l.path("instruction").asText())
        .containsExactlyElementsOf(records.stream().map(rec -> rec.data().path("instruction").asText()).toList());

    Path utility = dir.resolve("utility.jsonl");
    Files.writeString(utility, """
        {"prompt": "u1", "response": "r1"}
        {"prompt": "u2", "response": "r2"}
        {"prompt": "u3", "response": "r3"}
        """);
    Path chat = dir.resolve("chat.jsonl");
    Export.Result mixed = Synthkit.export(Export.of(run, Export.Format.of("openai-chat"), chat)
        .withMapping("prompt=data.output,response=data.instruction").withMix(utility, 1.0).withCard(false));
    assertThat(List.of(mixed.rows(), mixed.fromRun(), mixed.mixed())).containsExactly(11, 8, 3);
    assertThat(mixed.card()).isNull();
    assertThat(mixed.notes()).anySatisfy(n -> assertThat(n).contains("asked for 8 rows").contains("only 3"));
    Set<String> users = new HashSet<>();
    lines(chat).forEach(l -> users.add(l.path("messages").get(0).path("content").asText()));
    assertThat(users).contains("u1", records.get(0).data().path("output").asText());

    assertInputError(() -> Export.Format.of("csv"), "unknown export format 'csv'");
    assertInputError(() -> Synthkit.export(Export.of(run, Export.Format.DPO, dir.resolve("x"))),
        "dpo needs [chosen, rejected]");
    assertInputError(() -> Synthkit.export(Export.of(run, Export.Format.JSONL, dir.resolve("x")).withMix(null, 0.5)),
        "a mix ratio needs a dataset to mix in");
  }

  @Test
  void benchmark_scoresEachCandidateWithTheJudgeAndWritesTheReport() throws IOException {
    Path models = dir.resolve("models.yaml");
    Files.writeString(models, """
        models:
          default: {provider: simulated}
          small: {model: small-1}
          large: {model: large-1}
          judge: {model: judge-1}
        """);
    Path items = dir.resolve("items.jsonl");
    Files.writeString(items, """
        {"question": "What is 2 + 3?", "answer": 5}
        {"question": "What is 4 * 4?", "answer": 16}
        {"question": "What is 9 - 1?", "answer": 8}
        """);
    List<SimRequest> judged = new CopyOnWriteArrayList<>();
    Responder script = req -> {
      if (req.callKey().endsWith("/answer")) {
        return SimResponse.text("The final answer is 5.");
      }
      judged.add(req);
      // The judge accepts every answer of small and none of large.
      return SimResponse.json(JSON.createObjectNode().put("final_answer", "5")
          .put("is_same", req.callKey().startsWith("bench/small/")));
    };
    List<String> notices = new CopyOnWriteArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void notice(String message) {
        notices.add(message);
      }
    };

    Benchmark.Result r = Synthkit.benchmark(Benchmark.of(items, models).withListener(listener), script);

    assertThat(r.scores()).extracting(Benchmark.Score::role).containsExactly("large", "small");
    assertThat(r.scores().get(0).accuracy()).isEqualTo(0.0);
    assertThat(r.scores().get(1).accuracy()).isEqualTo(1.0);
    assertThat(r.scores().get(1).model()).isEqualTo("small-1");
    assertThat(judged).hasSize(6).allSatisfy(req -> assertThat(req.model()).isEqualTo("judge-1"));
    assertThat(r.items()).isEqualTo(3);
    assertThat(r.simulated()).isTrue();
    assertThat(r.usage().keySet()).contains("large", "small", "judge");
    assertThat(notices).contains("benchmarking large, small on " + items + ", judge judge");
    assertThat(r.report()).isEqualTo(dir.resolve("items.jsonl.benchmark.json"));
    assertThat(JSON.readTree(Files.readString(r.report()))).isEqualTo(JSON.readTree(r.json().toString()));
    assertThat(r.json().path("scores").get(1).path("items")).hasSize(3);
    assertThat(r.table()).contains("small-1").contains("1.000").contains("0.000");

    assertInputError(() -> Synthkit.benchmark(Benchmark.of(items, models).withModels("nope")),
        "model role 'nope' is not in the config's models");
    assertInputError(() -> Synthkit.benchmark(Benchmark.of(items, models).withLimit(0)), "limit must be positive");
  }

  @Test
  void personas_buildsAPoolDroppingDuplicatesAndReportsProgress() throws IOException {
    Path texts = dir.resolve("texts.jsonl");
    Files.writeString(texts, """
        {"question": "How do I start an emergency fund?"}
        {"question": "Is a Roth IRA right for me?"}
        {"question": "How much should I save for retirement?"}
        """);
    Responder script = req -> {
      int text = Integer.parseInt(req.callKey().split("/")[1]);
      // Every text yields the same first persona, so texts 1 and 2 repeat text 0's.
      return SimResponse.json(JSON.valueToTree(Map.of("people", List.of(
          Map.of("relation", "writes", "persona", "A first-time saver worried about a sudden bill"),
          Map.of("relation", "reads", "persona", "Reader number " + text + " of a personal finance column")))));
    };
    List<List<Integer>> progress = Collections.synchronizedList(new ArrayList<>());
    Path out = dir.resolve("personas.jsonl");

    Personas.Result r = Synthkit.personas(Personas.of(texts, out).withField("question").withConfig(config)
        .withPerText(2).withNearThreshold(1.0).withProgress((done, total) -> progress.add(List.of(done, total))),
        script);

    assertThat(r.texts()).isEqualTo(3);
    assertThat(r.proposed()).isEqualTo(6);
    assertThat(r.exactDuplicates()).isEqualTo(2);
    assertThat(r.personas()).containsExactly("A first-time saver worried about a sudden bill",
        "Reader number 0 of a personal finance column", "Reader number 1 of a personal finance column",
        "Reader number 2 of a personal finance column");
    assertThat(lines(out)).extracting(l -> l.path("persona").asText()).containsExactlyElementsOf(r.personas());
    assertThat(r.usage().calls()).isEqualTo(3);
    assertThat(r.simulated()).isTrue();
    assertThat(progress).containsExactly(List.of(3, 3));

    assertInputError(() -> Synthkit.personas(Personas.of(texts, out).withField("question").withConfig(config)),
        "exists; pass --overwrite");
    assertInputError(() -> Synthkit.personas(Personas.of(texts, dir.resolve("p.jsonl")).withConfig(config)),
        "item 1 has no non-blank string field 'text'");
    assertInputError(() -> Synthkit.personas(Personas.of(texts, dir.resolve("p.jsonl")).withField("question")
        .withPerText(0)), "perText must be in [1, 20]");
  }

  @Test
  void prompts_exportWritesEveryBuiltInPromptOnceAndKeepsEditedCopies() throws IOException {
    PromptLibrary.Exported first = PromptLibrary.exportBuiltIns(dir);
    assertThat(first.written()).hasSize(PromptLibrary.builtInNames().size()).isNotEmpty();
    assertThat(first.skipped()).isEmpty();
    Path generate = dir.resolve("self-instruct/generate.txt");
    assertThat(Files.readString(generate)).isEqualTo(PromptLibrary.defaults().source("self-instruct/generate"));
    Files.writeString(generate, "edited");

    PromptLibrary.Exported second = PromptLibrary.exportBuiltIns(dir);
    assertThat(second.written()).isEmpty();
    assertThat(second.skipped()).containsExactlyElementsOf(first.written());
    assertThat(Files.readString(generate)).isEqualTo("edited");
  }

  @Test
  void anUnreachableEndpoint_isADocumentedEndpointException_beforeAnythingIsWritten() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: connecting is refused
    }
    RunSpec spec = Synthkit.spec("down", "self-instruct").target(2).outputDir(dir.resolve("runs")).seeds(seeds)
        .set("models.default", Map.of("provider", "openai", "base_url", "http://127.0.0.1:" + port + "/v1", "model",
            "m"))
        .environment(Map.of()).baseDir(dir).build();
    String url = "http://127.0.0.1:" + port + "/v1";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Synthkit.run(spec))
        .isInstanceOf(io.synthkit.spi.EndpointException.class)
        .hasMessageContaining("nothing answers at " + url)
        .hasMessageContaining("connection refused")
        .satisfies(e -> assertThat(((io.synthkit.spi.SynthkitException) e).exitCode()).isEqualTo(3));
    assertThat(dir.resolve("runs/down")).doesNotExist();
  }
}
