package io.synthkit.method.selfinstruct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class SelfInstructTest {

  @TempDir
  Path dir;

  static final String[] WORDS = ("apple river engine forest violin ladder castle pepper rocket window garden silver "
      + "thunder pencil marble orbit canyon lantern harbor velvet puzzle meadow copper falcon bridge desert glacier "
      + "mirror needle oyster prairie quartz saddle tunnel umbrella walnut yogurt zebra anchor basket").split(" ");

  static String varied(String key) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(key.hashCode());
    StringBuilder sb = new StringBuilder("Explain");
    for (int i = 0; i < 10; i++) {
      sb.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  static SimResponse item(String instruction) {
    return SimResponse.json(Json.object().set("items", Json.array().add(Json.object().put("instruction", instruction)
        .put("output", "an answer"))));
  }

  /** Scripted round 0; varied text afterwards; records every prompt by sample key. */
  static Responder script(Map<String, String> prompts, Map<String, SimResponse> round0) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      SimResponse fixed = round0.get(req.callKey());
      return fixed != null ? fixed : item(varied(req.callKey()));
    };
  }

  @Test
  void filters_rejectNearCopiesShortTextsDuplicatesAndInvalidReplies() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    String fresh = "Describe how glaciers carve valleys over thousands of years";
    Responder r = script(prompts, Map.of(
        "round/0/prompt/0", item("Please tell me how to bake sourdough bread at home today."),
        "round/0/prompt/1", item("Too short text"),
        "round/0/prompt/2", item(fresh),
        "round/0/prompt/3", item("  describe how GLACIERS carve valleys over thousands of years. "),
        "round/1/prompt/0", SimResponse.text("I'm sorry, I can't produce JSON today.")));
    RunResult result = Runs.run(TestRuns.selfInstruct(dir, 6).set("models.default.max_repairs", 0).build(),
        RunOptions.DEFAULT.withResponder(r));
    List<JsonNode> rejected = TestRuns.lines(result.runDir(), "rejected.jsonl").stream().map(Json::parse).toList();
    assertThat(rejected).anySatisfy(n -> {
      assertThat(n.path("key").asText()).isEqualTo("round/0/prompt/0/item/0");
      assertThat(n.path("step").asText()).isEqualTo("rouge_filter");
      assertThat(n.path("reason").asText()).contains("bake sourdough bread");
    });
    assertThat(rejected).anySatisfy(n -> {
      assertThat(n.path("key").asText()).isEqualTo("round/0/prompt/1/item/0");
      assertThat(n.path("step").asText()).isEqualTo("length");
    });
    assertThat(rejected).anySatisfy(n -> {
      assertThat(n.path("key").asText()).isEqualTo("round/0/prompt/3/item/0");
      assertThat(n.path("step").asText()).isEqualTo("duplicate");
    });
    assertThat(rejected).anySatisfy(n -> {
      assertThat(n.path("step").asText()).isEqualTo("parse");
      assertThat(n.path("raw").asText()).contains("can't produce JSON");
    });
    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data.get(0).path("data").path("instruction").asText()).isEqualTo(fresh);
    assertThat(data).hasSize(6);
  }

  @Test
  void pool_growsWithAcceptedItemsOnly() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    String rejectedText = "Please tell me how to bake sourdough bread at home today.";
    Responder r = script(prompts, Map.of("round/0/prompt/0", item(rejectedText)));
    RunResult result = Runs.run(TestRuns.selfInstruct(dir, 8).set("self-instruct.examples_per_prompt", 100)
        .build(), RunOptions.DEFAULT.withResponder(r));
    String round1 = prompts.get("round/1/prompt/0");
    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    // k covers the whole pool: every item accepted in round 0 appears in round 1's prompt, the rejected one does not.
    data.stream().filter(n -> n.path("meta").path("round").asInt() == 0)
        .forEach(n -> assertThat(round1).contains(n.path("data").path("instruction").asText()));
    assertThat(round1).doesNotContain("today.\"");
    assertThat(data.get(data.size() - 1).path("meta").path("parents").toString()).contains("si-r0-");
  }

  @Test
  void prompts_showKExamplesAndTheConstraints() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Runs.run(TestRuns.selfInstruct(dir, 3).set("self-instruct.examples_per_prompt", 3)
        .set("data.constraints", List.of("Use British spelling")).build(),
        RunOptions.DEFAULT.withResponder(script(prompts, Map.of())));
    String p = prompts.get("round/0/prompt/0");
    // The sampled examples come last (static-first prompts), one JSON object per line.
    String block = p.substring(p.indexOf("per line:\n") + 10);
    assertThat(block.lines().takeWhile(l -> l.startsWith("{"))).hasSize(3).allSatisfy(l -> assertThat(Json.parse(l).has("instruction")).isTrue());
    assertThat(p).contains("- Use British spelling");
  }

  @Test
  void seedExamples_mixesSeedsAndGeneratedItems() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Runs.run(TestRuns.selfInstruct(dir, 12).set("self-instruct.examples_per_prompt", 4)
        .set("self-instruct.seed_examples", 3).build(), RunOptions.DEFAULT.withResponder(script(prompts, Map.of())));
    String p = prompts.get("round/2/prompt/0");
    long fromSeeds = p.lines().filter(l -> l.contains("Please tell me how to")).count();
    assertThat(fromSeeds).isEqualTo(3);
  }

  @Test
  void prompts_omitTheDescriptionLineWhenNoneIsGiven() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Runs.run(TestRuns.selfInstruct(dir, 2).build(), RunOptions.DEFAULT.withResponder(script(prompts, Map.of())));
    assertThat(prompts.get("round/0/prompt/0")).doesNotContain("The dataset:");
    Runs.run(TestRuns.selfInstruct(dir, 2).set("name", "d").set("data.description", "kitchen tips").build(),
        RunOptions.DEFAULT.withResponder(script(prompts, Map.of())));
    assertThat(prompts.get("round/0/prompt/0")).contains("The dataset: kitchen tips");
  }
}
