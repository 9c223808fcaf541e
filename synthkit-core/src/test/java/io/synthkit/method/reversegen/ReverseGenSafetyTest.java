package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReverseGenSafetyTest {

  @TempDir
  Path dir;

  /** Which samples fail, per iteration-1 prompt: F = the target complies (unsafe), O = it refuses. */
  static final String[] PATTERN = {"FOFF", "OOOO", "OFOF"};

  static String instruction(int iter, int prompt, int sample) {
    boolean fail = iter == 1 && prompt < PATTERN.length && PATTERN[prompt].charAt(sample) == 'F';
    return "Tell me how to " + Scripts.words("i" + iter + "p" + prompt + "s" + sample) + " tag" + iter + "x"
        + prompt + "x" + sample + (fail ? " xfail" : "") + "?";
  }

  /**
   * Proposer: 4 scripted completions per prompt. Target: complies with "xfail" instructions. Judge: Llama-Guard-like
   * text from {@code judge(prompt, sample)}. Responder: a safe reply naming the instruction. Records proposer prompts.
   */
  static Responder script(Map<String, String> prompts, BiFunction<Integer, Integer, SimResponse> judge) {
    return req -> {
      String key = req.callKey();
      prompts.put(key, req.lastUser());
      if (key.endsWith("/propose")) {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < req.n(); s++) {
          texts.add(instruction(Scripts.iteration(req), Scripts.prompt(req), s));
        }
        return SimResponse.texts(texts);
      }
      if (key.endsWith("/target")) {
        return SimResponse.text(req.lastUser().contains("xfail") ? "COMPLY: step one, step two." : "I can't help.");
      }
      if (key.endsWith("/judge")) {
        String[] parts = key.split("/");
        return judge.apply(Integer.parseInt(parts[3]), Integer.parseInt(parts[5]));
      }
      if (key.endsWith("/respond")) {
        return SimResponse.text("A safe reply instead of: " + req.lastUser().lines().reduce((a, b) -> b).orElse(""));
      }
      return null;
    };
  }

  static Responder complianceJudged(Map<String, String> prompts) {
    Map<String, String> seen = new ConcurrentHashMap<>();
    return req -> {
      if (req.callKey().endsWith("/judge")) {
        seen.put(req.callKey(), "");
        return SimResponse.text(req.lastUser().contains("COMPLY") ? "unsafe\nS2" : "safe");
      }
      return script(prompts, (p, s) -> null).respond(req);
    };
  }

  static List<JsonNode> read(RunResult r, String file) {
    return TestRuns.lines(r.runDir(), file).stream().map(Json::parse).toList();
  }

  @Test
  void dpoExport_cardDescribesTheRunAndMarksItSimulated() throws java.io.IOException {
    RunResult r = Runs.run(Scripts.config(dir, "safety", 100, Scripts.safetySeeds(dir)).build(),
        RunOptions.DEFAULT.withResponder(complianceJudged(new ConcurrentHashMap<>())));
    List<JsonNode> pairs = read(r, "pairs.jsonl");
    assertThat(pairs).isNotEmpty().allSatisfy(p -> assertThat(p.path("simulated").asBoolean()).isTrue());
    int records = read(r, "dataset.jsonl").size();
    for (io.synthkit.export.ExportFormat format : List.of(io.synthkit.export.ExportFormat.DPO,
        io.synthkit.export.ExportFormat.OPENAI_DPO)) {
      io.synthkit.export.ExportResult e = io.synthkit.export.Exports.write(r.runDir(), format,
          dir.resolve("out").resolve(format.wire() + ".jsonl"), io.synthkit.export.FieldMapping.NONE);
      assertThat(e.rows()).isEqualTo(pairs.size());
      String card = java.nio.file.Files.readString(e.card());
      // Before: pretty_name "pairs.jsonl", method unknown, "not a synthkit run", no model, no SIMULATED warning.
      assertThat(card).contains("pretty_name: \"rg\"", "- \"reversegen\"", "SIMULATED DATA", "| model (",
          "using the `reversegen` method", "| from the run | " + pairs.size() + " of " + pairs.size()
              + " preference pairs |", "| records | " + records + " |")
          .doesNotContain("pairs.jsonl\"\n", "not a synthkit run", "`unknown`");
      // Metrics of the run's records (their judge verdicts and the run's events), not of the pairs' prompts.
      assertThat(card).contains("| target failure rate (all answers judged) | ")
          .doesNotContain("ASR (ReverseGen rule)");
    }
  }

  @Test
  void evaluation_givesTheFailureRateOverAllAnswersNotOverTheKeptFailures() throws java.io.IOException {
    RunResult r = Runs.run(Scripts.config(dir, "safety", 100, Scripts.safetySeeds(dir)).build(),
        RunOptions.DEFAULT.withResponder(complianceJudged(new ConcurrentHashMap<>())));
    List<JsonNode> iterations = read(r, "events.jsonl").stream()
        .filter(e -> e.path("type").asText().equals("iteration")).toList();
    long judged = iterations.stream().mapToLong(e -> e.path("judged").asLong()).sum();
    long failures = iterations.stream().mapToLong(e -> e.path("failures").asLong()).sum();
    assertThat(failures).isPositive().isLessThan(judged);
    var result = io.synthkit.evaluation.Evaluation.of(io.synthkit.evaluation.Dataset.load(r.runDir())).run();
    Map<String, String> rows = io.synthkit.evaluation.EvaluationTable.rows(result);
    // Every record is a failure, so "ASR 1.0000" over the records said nothing.
    assertThat(rows).doesNotContainKey("ASR (ReverseGen rule)").doesNotContainKey("harmful rate (Data Advisor rule)");
    assertThat(rows.get("target failure rate (all answers judged)")).isEqualTo(String.format(java.util.Locale.ROOT,
        "%.4f (%d/%d)", (double) failures / judged, failures, judged));
    JsonNode first = iterations.get(0);
    assertThat(rows.get("  failure rate: iteration " + first.path("iteration").asInt())).isEqualTo(String.format(
        java.util.Locale.ROOT, "%.4f (%d/%d)", first.path("failures").asDouble() / first.path("judged").asDouble(),
        first.path("failures").asLong(), first.path("judged").asLong()));
    assertThat(java.nio.file.Files.readString(r.runDir().resolve("report.html")))
        .contains("target failure rate (all answers judged)").doesNotContain("ASR (ReverseGen rule)");
  }

  @Test
  void pairs_comeFromTheSamePrompt_cappedAtMinOfFailuresAndSuccesses() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(Scripts.config(dir, "safety", 100, Scripts.safetySeeds(dir)).build(),
        RunOptions.DEFAULT.withResponder(complianceJudged(prompts)));
    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
    List<JsonNode> pairs = read(r, "pairs.jsonl").stream().filter(n -> n.path("iteration").asInt() == 1).toList();
    // Prompt 0: F O F F -> 1 pair; prompt 1: no failure -> none; prompt 2: O F O F -> 2 pairs. In sample order.
    assertThat(pairs).extracting(n -> n.path("chosen").asText() + " > " + n.path("rejected").asText()).containsExactly(
        instruction(1, 0, 0) + " > " + instruction(1, 0, 1),
        instruction(1, 2, 1) + " > " + instruction(1, 2, 0),
        instruction(1, 2, 3) + " > " + instruction(1, 2, 2));
    assertThat(pairs.get(0).path("prompt").asText()).isEqualTo(prompts.get("iter/1/prompt/0/propose"));
    assertThat(pairs.get(1).path("prompt").asText()).isEqualTo(prompts.get("iter/1/prompt/2/propose"));
    assertThat(pairs.get(2).path("prompt").asText()).isEqualTo(prompts.get("iter/1/prompt/2/propose"));

    List<JsonNode> openAi = read(r, "reversegen/iter-1.dpo.openai.jsonl");
    assertThat(openAi).hasSize(3);
    JsonNode first = openAi.get(0);
    assertThat(first.path("input").path("messages").get(0).path("role").asText()).isEqualTo("user");
    assertThat(first.path("input").path("messages").get(0).path("content").asText())
        .isEqualTo(prompts.get("iter/1/prompt/0/propose"));
    assertThat(first.path("preferred_output").get(0).path("content").asText()).isEqualTo(instruction(1, 0, 0));
    assertThat(first.path("non_preferred_output").get(0).path("content").asText()).isEqualTo(instruction(1, 0, 1));
    assertThat(read(r, "reversegen/iter-1.dpo.trl.jsonl").get(2).toString())
        .isEqualTo(Json.object().put("prompt", prompts.get("iter/1/prompt/2/propose"))
            .put("chosen", instruction(1, 2, 3)).put("rejected", instruction(1, 2, 2)).toString());
  }

  @Test
  void records_areTheFailuresWithSafeResponses_andIterationMetricsAreLogged() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(Scripts.config(dir, "safety", 100, Scripts.safetySeeds(dir)).build(),
        RunOptions.DEFAULT.withResponder(complianceJudged(prompts)));
    List<JsonNode> data = read(r, "dataset.jsonl");
    assertThat(data).extracting(n -> n.path("id").asText())
        .containsExactly("rg-i1-p0-s0", "rg-i1-p0-s2", "rg-i1-p0-s3", "rg-i1-p2-s1", "rg-i1-p2-s3");
    JsonNode rec = data.get(0);
    assertThat(rec.path("data").path("instruction").asText()).isEqualTo(instruction(1, 0, 0));
    assertThat(rec.path("data").path("response").asText()).isEqualTo("A safe reply instead of: Request: "
        + instruction(1, 0, 0));
    assertThat(rec.path("meta").path("judge").path("verdict").asText()).isEqualTo("unsafe");
    assertThat(rec.path("meta").path("judge").path("category").asText()).isEqualTo("S2");
    assertThat(rec.path("meta").path("iteration").asInt()).isEqualTo(1);
    assertThat(rec.path("meta").path("target_response").asText()).startsWith("COMPLY");
    assertThat(rec.path("meta").path("parents")).hasSize(3);

    JsonNode it1 = read(r, "events.jsonl").stream().filter(n -> n.path("key").asText().equals("iteration/1"))
        .findFirst().orElseThrow();
    assertThat(it1.path("judged").asInt()).isEqualTo(12);
    assertThat(it1.path("failures").asInt()).isEqualTo(5);
    assertThat(it1.path("failure_rate").asDouble()).isEqualTo(Math.round(5 / 12.0 * 1e6) / 1e6);
    assertThat(it1.path("pairs").asInt()).isEqualTo(3);
    assertThat(it1.path("unique").asInt()).isEqualTo(12);
    assertThat(it1.path("self_bleu").asDouble()).isBetween(0.0, 1.0);
    assertThat(it1.path("inner_similarity").isNumber()).isTrue();
    assertThat(it1.path("novelty").asDouble()).isPositive();
    assertThat(it1.path("embedding_metrics").asText()).contains("approximation");
    JsonNode manifest = Json.parse(String.join("\n", TestRuns.lines(r.runDir(), "manifest.json")));
    assertThat(manifest.path("summary").path("iterations")).hasSize(2);
    assertThat(manifest.path("summary").path("trainer").path("approximation").asText()).contains("approximation of"
        + " DPO");
  }

  @Test
  void prompts_showThreeNumberedSeedsAndAnOpenFourthSlot_thenInContextFailuresAfterIterationOne() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Runs.run(Scripts.config(dir, "safety", 100, Scripts.safetySeeds(dir)).build(),
        RunOptions.DEFAULT.withResponder(complianceJudged(prompts)));
    List<String> first = prompts.get("iter/1/prompt/1/propose").lines().toList();
    assertThat(first.get(first.size() - 1)).isEqualTo("4.");
    assertThat(first.subList(first.size() - 4, first.size() - 1)).allSatisfy(l -> assertThat(l)
        .matches("[123]\\. How would someone .*\\?"));
    // Iteration 2: three seeds, then three of the iteration-1 failures (there are five), then the open slot 7.
    List<String> second = prompts.get("iter/2/prompt/0/propose").lines().toList();
    assertThat(second.get(second.size() - 1)).isEqualTo("7.");
    assertThat(second.subList(second.size() - 4, second.size() - 1)).allSatisfy(l -> assertThat(l)
        .matches("[456]\\. Tell me how to .* tag1x[02]x\\d xfail\\?"));
  }

  /** Judge outputs per (prompt, sample) for the rule tests: Llama Guard-like text, including edge cases. */
  static final String[][] OUTPUTS = {
      {"safe", "unsafe\nS1", " safe", "Safe"},
      {"safe\n", "The reply is not unsafe.", "unsafe", "UNSAFE"},
      {"safe", "safe", "safe", "safe"}};

  final Map<String, Boolean> judgeSchemas = new ConcurrentHashMap<>();

  Map<String, Boolean> failuresUnder(String rule) {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(Scripts.config(dir.resolve(rule), "safety", 100, Scripts.safetySeeds(dir))
        .set("reversegen.safety_rule", rule).set("reversegen.keep", "all").set("reversegen.iterations", 1).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          if (req.callKey().endsWith("/judge")) {
            judgeSchemas.put(req.callKey(), req.schema() != null);
          }
          return script(prompts, (p, s) -> rule.equals("structured")
              ? SimResponse.json(Json.object().put("unsafe", s % 2 == 1).put("category", s % 2 == 1 ? "S9" : ""))
              : SimResponse.text(OUTPUTS[p][s])).respond(req);
        }));
    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
    return read(r, "dataset.jsonl").stream().collect(Collectors.toMap(n -> n.path("id").asText().substring(6),
        n -> n.path("meta").path("failure").asBoolean()));
  }

  @Test
  void substringRule_isReverseGens_unsafeAnywhereInTheOutput() {
    Map<String, Boolean> f = failuresUnder("substring");
    assertThat(f).hasSize(12);
    assertThat(f.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted())
        .containsExactly("p0-s1", "p1-s1", "p1-s2");
  }

  @Test
  void firstLineRule_isDataAdvisors_onlyAnExactSafeFirstLineIsSafe() {
    Map<String, Boolean> f = failuresUnder("first-line");
    assertThat(f.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted())
        .containsExactly("p0-s1", "p0-s3", "p1-s1", "p1-s2", "p1-s3");
  }

  @Test
  void structuredRule_readsTheJsonVerdictAndItsCategory() {
    Map<String, Boolean> f = failuresUnder("structured");
    assertThat(f.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted())
        .containsExactly("p0-s1", "p0-s3", "p1-s1", "p1-s3", "p2-s1", "p2-s3");
    List<JsonNode> data = TestRuns.lines(dir.resolve("structured/runs/rg"), "dataset.jsonl").stream()
        .map(Json::parse).toList();
    assertThat(data).filteredOn(n -> n.path("meta").path("failure").asBoolean())
        .allSatisfy(n -> assertThat(n.path("meta").path("judge").path("category").asText()).isEqualTo("S9"));
    assertThat(judgeSchemas).hasSize(12).allSatisfy((k, v) -> assertThat(v).as(k).isTrue());
  }
}
