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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactCheckStageTest {

  @TempDir
  Path dir;

  static final Map<String, Object> EIFFEL = Map.of("question", "In which year was the Eiffel Tower completed?",
      "answer", "1899");

  @BeforeEach
  void reset() {
    FixtureRetriever.reset();
    FixtureRetriever.PASSAGES.put("Eiffel Tower", List.of(FixtureRetriever.passage("Eiffel Tower",
        "The Eiffel Tower was completed in 1889 for the World's Fair.")));
    FixtureRetriever.PASSAGES.put("Paris", List.of(FixtureRetriever.passage("Paris",
        "Paris is the capital of France."), FixtureRetriever.passage("Paris (mythology)", "A Trojan prince.")));
  }

  static SimResponse entities(String... names) {
    return SimResponse.json(Json.object().set("entities", Json.tree(List.of(names))));
  }

  static SimResponse verdict(boolean accurate, ObjectNode corrected) {
    ObjectNode v = Json.object().put("analysis", "compared with the passages").put("is_accurate", accurate);
    v.set("corrected_item", corrected == null ? Json.object().nullNode() : corrected);
    return SimResponse.json(v);
  }

  static Responder script(Map<String, String> prompts, SimResponse verify) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      return req.callKey().endsWith("/entities") ? entities("Eiffel Tower", "Paris", "Gustave Eiffel", "France")
          : verify;
    };
  }

  @Test
  void correction_replacesTheItemWithEvidenceTitlesInMeta() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    ObjectNode fixed = Json.object().put("question", "In which year was the Eiffel Tower completed?")
        .put("answer", "1889");
    RunResult r = StageRuns.run(StageRuns.config(dir, List.of(EIFFEL), List.of(Map.of("fact_check",
        Map.of("passages_per_entity", 2)))), script(prompts, verdict(false, fixed)));
    // At most three entities are looked up; an unknown one returns nothing.
    assertThat(FixtureRetriever.QUERIES).containsExactly("Eiffel Tower", "Paris", "Gustave Eiffel");
    assertThat(prompts.get("fact_check/item-0/verify")).contains("[Eiffel Tower]").contains("completed in 1889")
        .contains("[Paris (mythology)]").contains("\"answer\" : \"1899\"");
    JsonNode rec = StageRuns.dataset(r).get(0);
    assertThat(rec.path("data").path("answer").asText()).isEqualTo("1889");
    JsonNode found = rec.path("meta").path("quality").path("fact_check");
    assertThat(found.path("changed").asBoolean()).isTrue();
    assertThat(found.path("status").asText()).isEqualTo("corrected");
    assertThat(found.path("evidence")).extracting(JsonNode::asText)
        .containsExactly("Eiffel Tower", "Paris", "Paris (mythology)");
    assertThat(found.path("original").path("answer").asText()).isEqualTo("1899");
  }

  @Test
  void confirmation_keepsTheItemAndNoEvidenceSkipsTheCheck() {
    RunResult confirmed = StageRuns.run(StageRuns.config(dir.resolve("a"), List.of(EIFFEL), List.of("fact_check")),
        script(new ConcurrentHashMap<>(), verdict(true, null)));
    JsonNode rec = StageRuns.dataset(confirmed).get(0);
    assertThat(rec.path("data").path("answer").asText()).isEqualTo("1899");
    assertThat(rec.path("meta").path("quality").path("fact_check").path("changed").asBoolean()).isFalse();

    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult none = StageRuns.run(StageRuns.config(dir.resolve("b"), List.of(EIFFEL), List.of("fact_check")),
        req -> {
          prompts.put(req.callKey(), "");
          return entities("Atlantis");
        });
    assertThat(prompts).doesNotContainKey("fact_check/item-0/verify");
    assertThat(StageRuns.dataset(none).get(0).path("meta").path("quality").path("fact_check").path("status").asText())
        .isEqualTo("no_evidence");
  }

  @Test
  void inaccurateWithoutCorrection_isDropped() {
    RunResult r = StageRuns.run(StageRuns.config(dir, List.of(EIFFEL), List.of("fact_check")),
        script(new ConcurrentHashMap<>(), verdict(false, null)));
    assertThat(r.accepted()).isZero();
    assertThat(StageRuns.rejected(r).get(0).path("reason").asText()).contains("judged inaccurate");
  }
}
