package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunResult;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifficultyStageTest {

  @TempDir
  Path dir;

  static final Map<String, Object> MCQ = Map.of("question", "Which planet is largest?",
      "options", List.of("Mars", "Jupiter", "Venus", "Mercury"), "answer", "B");

  static ObjectNode harder(String answer, String... options) {
    ObjectNode item = Json.object().put("question", "Among the eight planets orbiting the Sun, whose orbits were"
        + " charted by Kepler, which one has the greatest mass?").put("answer", answer);
    item.set("options", Json.tree(List.of(options)));
    return item;
  }

  static Responder script(Map<String, JsonNode> schemas, ObjectNode rewrite) {
    return req -> {
      schemas.put(req.callKey(), req.schema());
      if (req.callKey().endsWith("/analyse")) {
        return SimResponse.json(Json.object().put("analysis", "add context and a distractor")
            .set("applied_policies", Json.tree(List.of("add_context", "add_choice"))));
      }
      return SimResponse.json(rewrite);
    };
  }

  @Test
  void enhancement_keepsTheAnswerAndTheOriginalInMeta() {
    Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
    ObjectNode rewrite = harder("B", "Mars", "Jupiter", "Venus", "Mercury", "Saturn's moon Titan");
    RunResult r = StageRuns.run(StageRuns.config(dir, List.of(MCQ), List.of("difficulty")), script(schemas, rewrite));
    JsonNode rec = StageRuns.dataset(r).get(0);
    assertThat(rec.path("data")).isEqualTo(rewrite);
    JsonNode found = rec.path("meta").path("quality").path("difficulty");
    assertThat(found.path("status").asText()).isEqualTo("enhanced");
    assertThat(found.path("original").path("options")).hasSize(4);
    assertThat(found.path("applied_policies")).extracting(JsonNode::asText).containsExactly("add_context",
        "add_choice");
    assertThat(schemas.get("difficulty/item-0/analyse").toString()).contains("paraphrase_choices");
  }

  @Test
  void changedAnswer_keepsTheOriginalOrRejects() {
    ObjectNode moved = harder("A", "Mars", "Jupiter", "Venus", "Mercury");
    RunResult kept = StageRuns.run(StageRuns.config(dir.resolve("a"), List.of(MCQ), List.of("difficulty")),
        script(new ConcurrentHashMap<>(), moved));
    JsonNode rec = StageRuns.dataset(kept).get(0);
    assertThat(rec.path("data").path("question").asText()).isEqualTo("Which planet is largest?");
    assertThat(rec.path("meta").path("quality").path("difficulty").path("status").asText())
        .isEqualTo("answer_changed");
    RunResult rejected = StageRuns.run(StageRuns.config(dir.resolve("b"), List.of(MCQ),
        List.of(Map.of("difficulty", Map.of("on_answer_change", "reject")))), script(new ConcurrentHashMap<>(), moved));
    assertThat(rejected.accepted()).isZero();
    assertThat(StageRuns.rejected(rejected).get(0).path("reason").asText()).contains("changed the answer");
  }

  @Test
  void answerCheck_catchesRemovedChoicesAndARewordedAnswerChoice() {
    ObjectNode before = Json.object().put("answer", "Jupiter");
    before.set("options", Json.tree(List.of("Mars", "Jupiter", "Venus")));
    ObjectNode fewer = before.deepCopy();
    fewer.set("options", Json.tree(List.of("Mars", "Jupiter")));
    ObjectNode reworded = before.deepCopy();
    reworded.set("options", Json.tree(List.of("Mars", "The planet Jupiter", "Venus", "Pluto")));
    ObjectNode extended = before.deepCopy();
    extended.set("options", Json.tree(List.of("The red planet", "Jupiter", "Venus", "Pluto")));
    assertThat(DifficultyStage.answerProblem(before, fewer, "answer", "options")).get().asString()
        .contains("3 to 2");
    assertThat(DifficultyStage.answerProblem(before, reworded, "answer", "options")).get().asString()
        .contains("reworded");
    assertThat(DifficultyStage.answerProblem(before, extended, "answer", "options")).isEmpty();
    ObjectNode number = Json.object().put("answer", "24");
    assertThat(DifficultyStage.answerProblem(number, Json.object().put("answer", 24.0), "answer", null)).isEmpty();
  }

  @Test
  void itemWithoutChoices_offersOnlyTheQuestionPolicies() {
    Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
    StageRuns.run(StageRuns.config(dir, List.of(Map.of("question", "What is 6 times 7?", "answer", "42")),
        List.of("difficulty")), req -> {
          schemas.put(req.callKey(), req.schema());
          return null;
        });
    String enumValues = schemas.get("difficulty/item-0/analyse").toString();
    assertThat(enumValues).contains("paraphrase_question", "add_context").doesNotContain("add_choice");
  }
}
