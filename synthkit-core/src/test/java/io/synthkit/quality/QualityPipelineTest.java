package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class QualityPipelineTest {

  @TempDir
  Path dir;

  static final String[] BASE = {"alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo",
      "lima mike november oscar papa quebec romeo sierra tango uniform victor",
      "whiskey xray yankee zulu amber bronze cobalt denim ebony fuchsia garnet"};

  @Test
  void dedupStage_dropsNearDuplicatesAcrossCallsAndCountsThem() {
    AtomicInteger n = new AtomicInteger();
    // Every third reply repeats an earlier text with one word changed: ROUGE-L lets some through at 0.7? No: the
    // method's own ROUGE filter is set permissive so that only the quality stage decides.
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 9).set("self-instruct.rouge_threshold", 1.0)
            .set("quality", List.of(Map.of("dedup", Map.of("near_threshold", 0.7)))).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          int i = n.getAndIncrement();
          String text = i % 2 == 0 ? BASE[(i / 2) % 3] + " " + i : "unique words number " + i + " "
              + Integer.toBinaryString(i * 7919).replace('0', 'o').replace('1', 'l') + " zeta eta theta";
          return SimResponse.json(Json.object().set("items", Json.array().add(Json.object()
              .put("instruction", text).put("output", "x"))));
        }));
    List<JsonNode> rejected = TestRuns.lines(r.runDir(), "rejected.jsonl").stream().map(Json::parse).toList();
    assertThat(rejected).anySatisfy(j -> {
      assertThat(j.path("step").asText()).isEqualTo("dedup");
      assertThat(j.path("reason").asText()).contains("near duplicate");
    });
    assertThat(r.accepted()).isEqualTo(9);
    JsonNode q = Manifest.read(r.runDir()).summary().path("quality").path("dedup");
    assertThat(q.path("dropped").asLong()).isPositive();
    assertThat(q.path("in").asLong()).isEqualTo(q.path("kept").asLong() + q.path("dropped").asLong());
  }

  @Test
  void lengthStage_usesTheMethodsTextField() {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 4).set("quality", List.of(Map.of("length",
        Map.of("max_words", 3)))).set("self-instruct.max_idle_rounds", 2).build());
    assertThat(r.accepted()).isZero();
    assertThat(TestRuns.lines(r.runDir(), "rejected.jsonl")).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("\"step\":\"length\"").contains("max_words 3"));
  }

  @Test
  void unknownStage_isAConfigErrorListingTheStages() {
    assertThatThrownBy(() -> Runs.run(TestRuns.selfInstruct(dir, 4).set("quality", List.of("shiny")).build()))
        .hasMessageContaining("quality[0]: unknown quality stage 'shiny'; available:").hasMessageContaining("dedup");
    assertThatThrownBy(() -> Runs.run(TestRuns.selfInstruct(dir, 4)
        .set("quality", List.of(Map.of("dedup", Map.of("near_threshold", 3)))).build()))
        .hasMessageContaining("quality[0].dedup").hasMessageContaining("near_threshold must be in (0, 1]");
  }
}
