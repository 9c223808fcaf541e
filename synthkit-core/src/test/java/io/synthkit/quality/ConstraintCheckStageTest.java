package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.RunResult;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstraintCheckStageTest {

  @TempDir
  Path dir;

  static final List<Map<String, Object>> ITEMS = List.of(Map.of("question", "q0"), Map.of("question", "q1"),
      Map.of("question", "q2"), Map.of("question", "q3"));

  /** item-1 fails constraint 0; item-2's verdict on constraint 1 is not JSON; everything else passes. */
  static final Responder JUDGE = req -> {
    if (req.callKey().equals("constraint_check/item-2/c1")) {
      return SimResponse.text("Hmm, hard to say.");
    }
    boolean no = req.callKey().equals("constraint_check/item-1/c0");
    return SimResponse.json(Json.object().put("reason", "checked").put("satisfied", !no));
  };

  @Test
  void complianceRate_excludesUnparseableVerdicts() {
    RunResult r = StageRuns.run(StageRuns.config(dir.resolve("a"), ITEMS, List.of(Map.of("constraint_check",
        Map.of("reject", false)))).set("data.constraints", List.of("Ask about sports", "Stay under 20 words")), JUDGE);
    assertThat(r.accepted()).as("message %s; rejected %s; dataset %s; summary %s", r.message(),
        StageRuns.rejected(r), StageRuns.dataset(r), Manifest.read(r.runDir()).summary()).isEqualTo(4);
    JsonNode s = Manifest.read(r.runDir()).summary().path("constraint_check");
    assertThat(s.path("items").asInt()).isEqualTo(4);
    assertThat(s.path("compliant_items").asInt()).isEqualTo(2);
    assertThat(s.path("unjudged_items").asInt()).isEqualTo(1);
    assertThat(s.path("unjudged_verdicts").asInt()).isEqualTo(1);
    assertThat(s.path("compliance_rate").asDouble()).isEqualTo(0.6667);
    assertThat(s.path("per_constraint").get(0).path("rate").asDouble()).isEqualTo(0.75);
    assertThat(s.path("per_constraint").get(1).path("judged").asInt()).isEqualTo(3);
    assertThat(s.path("per_constraint").get(1).path("rate").asDouble()).isEqualTo(1.0);
    JsonNode item1 = StageRuns.dataset(r).get(1).path("meta").path("quality").path("constraint_check");
    assertThat(item1.path("failed").get(0).path("constraint").asText()).isEqualTo("Ask about sports");
  }

  @Test
  void reject_dropsItemsThatFailOrCannotBeJudged() {
    RunResult r = StageRuns.run(StageRuns.config(dir.resolve("b"), ITEMS, List.of("constraint_check"))
        .set("data.constraints", List.of("Ask about sports", "Stay under 20 words")), JUDGE);
    assertThat(StageRuns.dataset(r)).extracting(n -> n.path("id").asText()).containsExactly("item-0", "item-3");
    assertThat(StageRuns.rejected(r)).extracting(n -> n.path("reason").asText()).anySatisfy(
        reason -> assertThat(reason).startsWith("fails constraint \"Ask about sports\""));
  }

  @Test
  void noConstraints_isAConfigError() {
    assertThatThrownBy(() -> StageRuns.run(StageRuns.config(dir.resolve("c"), ITEMS, List.of("constraint_check")),
        req -> null)).hasMessageContaining("quality[0].constraint_check").hasMessageContaining("needs constraints");
  }
}
