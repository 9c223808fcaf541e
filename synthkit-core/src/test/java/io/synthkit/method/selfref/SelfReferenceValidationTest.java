package io.synthkit.method.selfref;

import static io.synthkit.method.selfref.SelfRefRuns.batch;
import static io.synthkit.method.selfref.SelfRefRuns.config;
import static io.synthkit.method.selfref.SelfRefRuns.formattingQuestion;
import static io.synthkit.method.selfref.SelfRefRuns.fresh;
import static io.synthkit.method.selfref.SelfRefRuns.mcqa;
import static io.synthkit.method.selfref.SelfRefRuns.read;
import static io.synthkit.method.selfref.SelfRefRuns.yesNo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class SelfReferenceValidationTest {

  @TempDir
  Path dir;

  /** Scripted replies by sample key; any other key gets fresh valid examples. Records each key's formatting question. */
  static Responder script(Map<String, SimResponse> scripted, Map<String, String> shown, int n) {
    return req -> {
      shown.put(req.callKey(), formattingQuestion(req));
      SimResponse r = scripted.get(req.callKey());
      return r != null ? r : fresh(req, n);
    };
  }

  static Map<String, String> rejectionSteps(RunResult r) {
    return read(r.runDir(), "rejected.jsonl").stream().collect(Collectors.toMap(n -> n.path("key").asText(),
        n -> n.path("step").asText()));
  }

  @Test
  void validation_rejectsEachBrokenRuleWithItsStep_fixedLabelSpace() {
    JsonNode extraKey = yesNo("Is basalt a volcanic rock?", "True").put("why", "lava");
    JsonNode wrongType = yesNo("Is the Danube longer than the Thames?", "True").put("answer", true);
    JsonNode otherOptions = yesNo("Are bats mammals?", "Yes");
    ((com.fasterxml.jackson.databind.node.ArrayNode) otherOptions.get("options")).removeAll().add("Yes").add("No");
    JsonNode notAnOption = yesNo("Is glass a liquid?", "Maybe");
    JsonNode good = yesNo("Is Mount Everest the tallest mountain above sea level?", "True");
    JsonNode dup = yesNo("  is mount everest the TALLEST mountain above sea level ", "False");
    JsonNode copy = yesNo("Do penguins live at the South Pole?", "True");
    Responder r = script(Map.of("step/0/try/0", batch(extraKey, wrongType, otherOptions, notAnOption, good, dup,
        copy)), new ConcurrentHashMap<>(), 5);
    RunResult result = Runs.run(config(dir, 6, "naive").set("models.default.max_repairs", 0).build(),
        RunOptions.DEFAULT.withResponder(r));

    assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
    Map<String, String> steps = rejectionSteps(result);
    assertThat(steps).containsEntry("step/0/try/0/item/0", "keys").containsEntry("step/0/try/0/item/1", "types")
        .containsEntry("step/0/try/0/item/2", "options").containsEntry("step/0/try/0/item/3", "answer")
        .containsEntry("step/0/try/0/item/5", "duplicate").containsEntry("step/0/try/0/item/6", "copy")
        .doesNotContainKey("step/0/try/0/item/4");
    JsonNode rejection = read(result.runDir(), "rejected.jsonl").stream()
        .filter(n -> n.path("key").asText().equals("step/0/try/0/item/0")).findFirst().orElseThrow();
    assertThat(rejection.path("reason").asText()).contains("unexpected [why]");
    assertThat(rejection.path("item").path("why").asText()).isEqualTo("lava");
    List<JsonNode> data = read(result.runDir(), "dataset.jsonl");
    assertThat(data.get(0).path("id").asText()).isEqualTo("sr-s0.t0.i4");
    assertThat(data.get(0).path("data")).isEqualTo(good);
    assertThat(data.get(0).path("meta").path("parents").get(0).asText()).isEqualTo("seed");
    assertThat(data.get(0).path("meta").path("category").asText()).isEqualTo("True");
    assertThat(data).hasSize(6);
  }

  @Test
  void validation_variantLabelSpaceNeedsTheSameOptionCountAndDistinctOptions() {
    JsonNode seed = mcqa("Where would you keep milk cold?", "fridge", "oven", "fridge", "shelf", "garden");
    JsonNode three = mcqa("What do bees make?", "honey", "honey", "silk", "wool");
    JsonNode repeated = mcqa("What melts ice?", "heat", "heat", "heat", "cold", "wind");
    JsonNode missingAnswer = mcqa("What do cows drink?", "milk", "water", "oil", "sand", "ink");
    JsonNode good = mcqa("Where do fish live?", "water", "desert", "water", "cloud", "attic");
    JsonNode moreOptions = mcqa("What is ice made of?", "water", "water", "salt", "sand", "air", "fire");
    Responder r = req -> req.callKey().equals("step/0/try/0") ? batch(three, repeated, missingAnswer, good,
        moreOptions) : batch(mcqa("Question " + req.callKey() + "?", "b", "a", "b", "c", "d"));
    RunResult result = Runs.run(config(dir, 3, "naive").set("self-reference.example", seed)
        .set("self-reference.label_space", "variant").set("self-reference.examples_per_call", 1)
        .set("models.default.max_repairs", 0).build(), RunOptions.DEFAULT.withResponder(r));

    Map<String, String> steps = rejectionSteps(result);
    assertThat(steps).containsEntry("step/0/try/0/item/0", "options").containsEntry("step/0/try/0/item/1", "options")
        .containsEntry("step/0/try/0/item/2", "answer").containsEntry("step/0/try/0/item/4", "options")
        .doesNotContainKey("step/0/try/0/item/3");
    List<JsonNode> data = read(result.runDir(), "dataset.jsonl");
    assertThat(data.get(0).path("data")).isEqualTo(good);
    // In a variant label space the label is the answer's position.
    assertThat(data.get(0).path("meta").path("category").asText()).isEqualTo("B");
  }

  @Test
  void validation_fixedLabelSpaceRequiresTheOptionsInTheSameOrder() {
    JsonNode swapped = yesNo("Is copper magnetic?", "False");
    ((com.fasterxml.jackson.databind.node.ArrayNode) swapped.get("options")).removeAll().add("False").add("True");
    Responder r = script(Map.of("step/0/try/0", batch(swapped)), new ConcurrentHashMap<>(), 1);
    RunResult result = Runs.run(config(dir, 2, "naive").set("self-reference.examples_per_call", 1)
        .set("models.default.max_repairs", 0).build(), RunOptions.DEFAULT.withResponder(r));
    assertThat(read(result.runDir(), "rejected.jsonl").get(0).path("reason").asText())
        .contains("differ from the fixed label space [True, False]");
  }

  @Test
  void nearDuplicates_areRejectedOnlyWhenTheThresholdIsSet() {
    JsonNode first = yesNo("Is the Nile the longest river in Africa?", "True");
    JsonNode near = yesNo("Is the Nile really the longest river in Africa?", "True");
    Map<String, SimResponse> scripted = Map.of("step/0/try/0", batch(first, near));
    RunResult with = Runs.run(config(dir.resolve("a"), 3, "naive").set("self-reference.examples_per_call", 2)
        .set("self-reference.near_duplicate_threshold", 0.6).build(),
        RunOptions.DEFAULT.withResponder(script(scripted, new ConcurrentHashMap<>(), 2)));
    RunResult without = Runs.run(config(dir.resolve("b"), 3, "naive").set("self-reference.examples_per_call", 2)
        .build(), RunOptions.DEFAULT.withResponder(script(scripted, new ConcurrentHashMap<>(), 2)));
    assertThat(rejectionSteps(with)).containsEntry("step/0/try/0/item/1", "near_duplicate");
    assertThat(rejectionSteps(without)).doesNotContainKey("step/0/try/0/item/1");
  }

  @Test
  void emptyBatch_isRetriedWithNewKeysThenFallsBackToTheSeed() {
    String chosen = "Is Venus hotter than Mercury?";
    JsonNode copyOfSeed = yesNo(SelfRefRuns.SEED_QUESTION, "True");
    JsonNode copyOfChosen = yesNo(chosen, "True");
    Map<String, String> shown = new ConcurrentHashMap<>();
    Responder r = script(Map.of(
        "step/0/try/0", batch(yesNo(chosen, "True")),
        "step/1/try/0", batch(copyOfChosen),
        "step/1/try/1", SimResponse.text("Sorry, I cannot help with that."),
        "step/1/try/2", batch(copyOfSeed)), shown, 1);
    RunResult result = Runs.run(config(dir, 3, "random").set("self-reference.examples_per_call", 1)
        .set("self-reference.max_retries", 2).set("models.default.max_repairs", 0).build(),
        RunOptions.DEFAULT.withResponder(r));

    assertThat(shown.get("step/1/try/0")).isEqualTo(chosen);
    assertThat(shown.get("step/1/try/1")).isEqualTo(chosen);
    assertThat(shown.get("step/1/try/2")).isEqualTo(chosen);
    assertThat(shown).doesNotContainKey("step/1/try/3");
    assertThat(shown.get("step/2/try/0")).isEqualTo(SelfRefRuns.SEED_QUESTION);
    Map<String, String> steps = rejectionSteps(result);
    assertThat(steps).containsEntry("step/1/try/0/item/0", "copy").containsEntry("step/1/try/1", "parse")
        .containsEntry("step/1/try/2/item/0", "copy");
    assertThat(SelfRefRuns.events(result.runDir(), "fallback")).singleElement()
        .satisfies(e -> assertThat(e.path("from").asText()).isEqualTo("sr-s0.t0.i0"));
    JsonNode third = read(result.runDir(), "dataset.jsonl").get(1);
    assertThat(third.path("meta").path("parents").get(0).asText()).isEqualTo("seed");
    assertThat(third.path("meta").path("depth").asInt()).isEqualTo(1);
  }

  @Test
  void fallbacks_stopTheRunAfterTheCap() {
    Responder r = req -> batch(yesNo(SelfRefRuns.SEED_QUESTION, "True"));
    RunResult result = Runs.run(config(dir, 5, "random").set("self-reference.examples_per_call", 1)
        .set("self-reference.max_retries", 1).set("self-reference.max_fallbacks", 2).build(),
        RunOptions.DEFAULT.withResponder(r));
    assertThat(result.status()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(result.accepted()).isZero();
    // two steps, each with one call and one retry
    assertThat(read(result.runDir(), "rejected.jsonl")).hasSize(4);
    assertThat(io.synthkit.run.Manifest.read(result.runDir()).summary().path("stopped").asText())
        .contains("2 fallbacks");
  }

  @Test
  void simulator_completesFixedAndVariantRunsWithoutScripts() {
    RunResult fixed = Runs.run(config(dir.resolve("f"), 30, "tree").build());
    RunResult variant = Runs.run(config(dir.resolve("v"), 30, "random")
        .set("self-reference.example", mcqa("Where would you keep milk cold?", "fridge", "oven", "fridge", "shelf",
            "garden")).set("self-reference.label_space", "variant").build());
    assertThat(fixed.accepted()).isEqualTo(30);
    assertThat(variant.accepted()).isEqualTo(30);
    // The variant label report counts answer positions: the simulator picks the answer among the options.
    JsonNode positions = io.synthkit.run.Manifest.read(variant.runDir()).summary().path("labels");
    assertThat(List.of(positions.fieldNames().next(), positions.size())).containsExactly("A", 4);
    assertThat(positions.path("A").asInt() + positions.path("B").asInt() + positions.path("C").asInt()
        + positions.path("D").asInt()).isEqualTo(30);
    read(fixed.runDir(), "dataset.jsonl").forEach(n -> assertThat(n.path("data").path("options"))
        .isEqualTo(Json.parse("[\"True\",\"False\"]")));
  }
}
