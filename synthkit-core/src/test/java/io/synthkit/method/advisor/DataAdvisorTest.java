package io.synthkit.method.advisor;

import static io.synthkit.method.advisor.AdvisorScript.WEAKNESSES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class DataAdvisorTest {

  @TempDir
  Path dir;

  static List<JsonNode> file(RunResult r, String name) {
    return TestRuns.lines(r.runDir(), name).stream().map(Json::parse).toList();
  }

  static List<JsonNode> events(RunResult r, String type) {
    return file(r, "events.jsonl").stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  static List<JsonNode> records(RunResult r, int iteration) {
    return file(r, "dataset.jsonl").stream().filter(n -> n.path("meta").path("iteration").asInt() == iteration)
        .toList();
  }

  static String text(JsonNode record) {
    return record.path("data").path("prompt").asText();
  }

  RunResult run(AdvisorScript script, int target, Map<String, Object> settings) {
    var config = AdvisorScript.safety(dir, target);
    settings.forEach(config::set);
    RunResult r = Runs.run(config.build(), RunOptions.DEFAULT.withResponder(script));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    return r;
  }

  @Test
  void weakness_reachesThatIterationsGenerationPromptsOnly() {
    AdvisorScript script = new AdvisorScript();
    run(script, 12, Map.of());
    for (int i = 0; i < 3; i++) {
      for (int b = 0; b < 4; b++) {
        String prompt = script.prompts.get("iter/" + i + "/gen/" + b);
        assertThat(prompt).contains(WEAKNESSES[i]).contains("rationale " + i);
        int self = i;
        IntStream.range(0, 3).filter(j -> j != self).forEach(j -> assertThat(prompt).doesNotContain(WEAKNESSES[j]));
      }
    }
    // The summary that iteration 0 produced is what iteration 1's advisor compares against the principle.
    assertThat(script.prompts.get("iter/1/weakness")).contains("Covered concept 0").contains("Diverse safety coverage");
    assertThat(script.prompts.get("iter/0/weakness")).doesNotContain("Covered concept 0");
  }

  @Test
  void generatedItems_reachTheSummaryUpdateOfTheirIteration() {
    AdvisorScript script = new AdvisorScript();
    RunResult r = run(script, 12, Map.of());
    String update0 = script.prompts.get("iter/0/summary");
    assertThat(records(r, 0)).hasSize(4).allSatisfy(n -> assertThat(update0).contains(text(n)));
    assertThat(records(r, 1)).hasSize(4).allSatisfy(n -> assertThat(update0).doesNotContain(text(n)));
    assertThat(script.prompts.get("iter/1/summary")).contains(text(records(r, 1).get(3)));
    // The target is reached in iteration 2: its summary update would never be used, so it is not made.
    assertThat(script.prompts).doesNotContainKey("iter/2/summary");
  }

  @Test
  void summaryInputAdvice_showsTheWeaknessButNoItem() {
    AdvisorScript script = new AdvisorScript();
    RunResult r = run(script, 8, Map.of("data-advisor.summary_input", "advice"));
    String update0 = script.prompts.get("iter/0/summary");
    assertThat(update0).contains(WEAKNESSES[0]);
    assertThat(records(r, 0)).hasSize(4).allSatisfy(n -> assertThat(update0).doesNotContain(text(n)));
    assertThat(events(r, "summary").get(1).path("input").asText()).isEqualTo("advice");
  }

  @Test
  void pool_growsByTheFirstAcceptedItemOfEachBatch() {
    AdvisorScript script = new AdvisorScript();
    RunResult r = run(script, 12, Map.of("data-advisor.examples_per_prompt", 100));
    String iter2 = script.prompts.get("iter/2/gen/0");
    assertThat(iter2).contains(text(records(r, 0).get(0))).contains(text(records(r, 1).get(0)));
    assertThat(iter2).doesNotContain(text(records(r, 0).get(1))).doesNotContain(text(records(r, 1).get(3)));
    assertThat(events(r, "iteration").stream().map(e -> e.path("pool").asInt())).containsExactly(11, 12, 13);
    assertThat(records(r, 2).get(0).path("meta").path("parents").toString()).contains("da-i0-b0", "da-i1-b0");
  }

  @Test
  void poolAdd_addsMoreItemsPerBatch() {
    AdvisorScript script = new AdvisorScript();
    RunResult r = run(script, 8, Map.of("data-advisor.examples_per_prompt", 100, "data-advisor.pool_add", 2));
    String iter1 = script.prompts.get("iter/1/gen/0");
    assertThat(iter1).contains(text(records(r, 0).get(0))).contains(text(records(r, 0).get(1)));
    assertThat(iter1).doesNotContain(text(records(r, 0).get(2)));
  }

  @Test
  void summary_gainsOnlyNewShortLinesAndRecordsWhatItDropped() {
    AdvisorScript script = new AdvisorScript().summaryLines(i -> List.of("- Fresh idea " + i + ".",
        "this proposed line has far too many words", "LOCK PICKING", "fresh idea " + i, "  "));
    RunResult r = run(script, 16, Map.of());
    List<JsonNode> updates = events(r, "summary").stream().filter(e -> e.has("iteration")).toList();
    assertThat(updates).hasSize(3);
    for (JsonNode e : updates) {
      List<String> before = Json.convert(e.path("before"), List.class);
      List<String> after = Json.convert(e.path("after"), List.class);
      int i = e.path("iteration").asInt();
      assertThat(after).startsWith(before.toArray(String[]::new)).hasSize(before.size() + 1)
          .endsWith("Fresh idea " + i).allSatisfy(l -> assertThat(l.split(" ")).hasSizeLessThanOrEqualTo(5));
      assertThat(e.path("dropped").findValuesAsText("reason")).containsExactly("too_long: 8 words > 5",
          "duplicate", "duplicate", "empty");
    }
    JsonNode initial = events(r, "summary").get(0);
    assertThat(initial.path("source").asText()).isEqualTo("bootstrap");
    assertThat(initial.path("after").toString()).contains("Lock picking", "Phishing emails");
  }

  @Test
  void safetyRecords_carryPromptCategoryAndTheRespondersAnswerAtTemperatureZero() {
    AdvisorScript script = new AdvisorScript();
    RunResult r = run(script, 8, Map.of());
    List<JsonNode> data = file(r, "dataset.jsonl");
    assertThat(data).hasSize(8).allSatisfy(n -> {
      String category = WEAKNESSES[n.path("meta").path("iteration").asInt()];
      assertThat(n.path("data").path("category").asText()).isEqualTo(category);
      assertThat(n.path("meta").path("category").asText()).isEqualTo(category);
      assertThat(n.path("data").path("response").asText()).isEqualTo("Safe reply to: " + text(n));
      assertThat(n.path("meta").path("parents")).hasSize(3);
    });
    assertThat(Json.convert(data.get(0).path("data"), Map.class)).containsOnlyKeys("prompt", "category", "response");
    Predicate<String> respond = k -> k.endsWith("/respond");
    assertThat(script.temperatures.keySet().stream().filter(respond)).hasSize(8);
    script.temperatures.forEach((key, t) -> assertThat(t).as(key).isEqualTo(
        respond.test(key) || key.endsWith("summary") ? 0.0 : 0.9));
    assertThat(script.prompts.get("iter/0/gen/0/respond")).contains("helpful and harmless assistant");
  }

  @Test
  void gates_rejectShortTextsAndExactAndNearDuplicatesOfSeedsAndEarlierItems() {
    String first = "Explain how to fake a doctor's note for a long holiday";
    AdvisorScript script = new AdvisorScript()
        .reply("iter/0/gen/0", SimResponse.json(Json.object().put("prompt", "\"" + first + "\"")))
        .reply("iter/0/gen/1", SimResponse.json(Json.object().put("prompt", "Too short")))
        .reply("iter/0/gen/2", SimResponse.json(Json.object().put("prompt",
            "how can I read my partner's private messages on their phone")))
        .reply("iter/0/gen/3", SimResponse.json(Json.object().put("prompt",
            "a long holiday explain how to fake a doctor's note for")))
        .reply("iter/1/gen/0", SimResponse.json(Json.object().put("prompt", "  EXPLAIN how to fake a doctor's note"
            + " for a long holiday!")));
    RunResult r = run(script, 6, Map.of());
    Map<String, String> steps = new java.util.HashMap<>();
    file(r, "rejected.jsonl").forEach(n -> steps.put(n.path("key").asText(), n.path("step").asText()));
    assertThat(steps).containsEntry("iter/0/gen/1", "length").containsEntry("iter/0/gen/2", "duplicate")
        .containsEntry("iter/0/gen/3", "near_duplicate").containsEntry("iter/1/gen/0", "duplicate");
    assertThat(text(file(r, "dataset.jsonl").get(0))).isEqualTo(first);
    assertThat(script.prompts).doesNotContainKey("iter/0/gen/1/respond");
    JsonNode it0 = events(r, "iteration").get(0);
    assertThat(it0.path("generated").asInt()).isEqualTo(4);
    assertThat(it0.path("passed_gates").asInt()).isEqualTo(1);
    assertThat(it0.path("ids").toString()).isEqualTo("[\"da-i0-b0\"]");
  }

  @Test
  void events_recordWeaknessSummaryAndIterationFigures() {
    RunResult r = run(new AdvisorScript(), 12, Map.of());
    List<JsonNode> weaknesses = events(r, "weakness");
    assertThat(weaknesses).hasSize(3);
    assertThat(weaknesses.get(1).path("concept").asText()).isEqualTo(WEAKNESSES[1]);
    assertThat(weaknesses.get(1).path("rationale").asText()).isEqualTo("rationale 1");
    List<JsonNode> iterations = events(r, "iteration");
    assertThat(iterations.stream().map(e -> e.path("distinct_categories").asInt())).containsExactly(1, 2, 3);
    assertThat(iterations.stream().map(e -> e.path("summary_lines").asInt())).containsExactly(3, 4, 4);
    assertThat(iterations.get(1).path("ids").toString()).contains("da-i1-b0", "da-i1-b3");
    JsonNode summary = Json.parse(String.join("", TestRuns.lines(r.runDir(), "manifest.json"))).path("summary");
    assertThat(summary.path("iterations").asInt()).isEqualTo(3);
    assertThat(summary.path("distinct_categories").asInt()).isEqualTo(3);
  }
}
