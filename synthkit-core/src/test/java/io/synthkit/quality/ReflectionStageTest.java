package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.RunResult;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReflectionStageTest {

  @TempDir
  Path dir;

  static final List<Map<String, Object>> ONE = List.of(Map.of("question", "How many legs do 3 spiders have?",
      "answer", "18"));

  static SimResponse verdict(boolean good, String why) {
    return SimResponse.json(Json.object().put("reflection", why).put("is_good", good));
  }

  static SimResponse item(String question, String answer) {
    return SimResponse.json(Json.object().put("question", question).put("answer", answer));
  }

  /** Never satisfied; each rewrite numbers its round. Records every prompt. */
  static Responder neverGood(Map<String, String> prompts) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      String k = req.callKey();
      if (k.endsWith("/judge")) {
        return verdict(false, "still unclear (" + k + ")");
      }
      return item("How many legs do 3 spiders have? (" + k + ")", "24");
    };
  }

  @Test
  void loop_stopsAfterMaxRoundsAndRejectsWithTheTrajectory() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = StageRuns.run(StageRuns.config(dir, ONE, List.of(Map.of("reflection", Map.of("max_rounds", 3)))),
        neverGood(prompts));
    assertThat(r.accepted()).isZero();
    assertThat(prompts.keySet()).containsExactlyInAnyOrder(
        "reflection/item-0/round/0/judge", "reflection/item-0/round/0/rewrite",
        "reflection/item-0/round/1/judge", "reflection/item-0/round/1/rewrite",
        "reflection/item-0/round/2/judge");
    JsonNode rejected = StageRuns.rejected(r).get(0);
    assertThat(rejected.path("step").asText()).isEqualTo("reflection");
    assertThat(rejected.path("reason").asText()).contains("not judged good in 3 rounds")
        .contains("round/2/judge");
    JsonNode found = rejected.path("meta").path("quality").path("reflection");
    assertThat(found.path("good").asBoolean()).isFalse();
    assertThat(found.path("trajectory")).hasSize(3);
    assertThat(found.path("trajectory").get(1).path("rewrite").path("question").asText()).contains("round/1/rewrite");
    assertThat(found.path("trajectory").get(2).has("rewrite")).isFalse();
  }

  @Test
  void rejectUnresolvedFalse_keepsTheLastVersionMarkedNotGood() {
    RunResult r = StageRuns.run(StageRuns.config(dir, ONE, List.of(Map.of("reflection",
        Map.of("max_rounds", 2, "reject_unresolved", false)))), neverGood(new ConcurrentHashMap<>()));
    JsonNode rec = StageRuns.dataset(r).get(0);
    assertThat(rec.path("data").path("question").asText()).contains("round/0/rewrite");
    JsonNode found = rec.path("meta").path("quality").path("reflection");
    assertThat(found.path("good").asBoolean()).isFalse();
    assertThat(found.path("rounds").asInt()).isEqualTo(2);
    assertThat(found.path("original").path("answer").asText()).isEqualTo("18");
  }

  @Test
  void rewrite_followsTheReflectionAndIsKeptOnceJudgedGood() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = StageRuns.run(StageRuns.config(dir, ONE, List.of("reflection")), req -> {
      prompts.put(req.callKey(), req.lastUser());
      return switch (req.callKey()) {
        case "reflection/item-0/round/0/judge" -> verdict(false, "Spiders have 8 legs, so the answer must be 24.");
        case "reflection/item-0/round/0/rewrite" -> item("How many legs do 3 spiders have?", "24");
        case "reflection/item-0/round/1/judge" -> verdict(true, "Correct now.");
        default -> SimResponse.text("unexpected call " + req.callKey());
      };
    });
    assertThat(prompts.get("reflection/item-0/round/0/rewrite")).contains("Spiders have 8 legs")
        .contains("\"answer\" : \"18\"");
    JsonNode rec = StageRuns.dataset(r).get(0);
    assertThat(rec.path("data").path("answer").asText()).isEqualTo("24");
    JsonNode found = rec.path("meta").path("quality").path("reflection");
    assertThat(found.path("good").asBoolean()).isTrue();
    assertThat(found.path("rounds").asInt()).isEqualTo(2);
    assertThat(found.path("original").path("answer").asText()).isEqualTo("18");
    JsonNode summary = Manifest.read(r.runDir()).summary();
    assertThat(summary.path("quality").path("reflection").path("changed").asInt()).isEqualTo(1);
    assertThat(summary.path("reflection").path("improved").asInt()).isEqualTo(1);
    assertThat(Manifest.read(r.runDir()).usage().byStage()).containsKey("reflection");
  }
}
