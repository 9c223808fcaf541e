package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProfileProxy;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a run does with failed calls, a dead endpoint, a shortfall and an endpoint's habits; over real HTTP. */
@Timeout(120)
class FailurePolicyRunTest {

  @TempDir
  Path dir;

  private static JsonNode manifest(RunResult r) {
    return Json.parse(String.join("\n", TestRuns.lines(r.runDir(), RunOutput.MANIFEST)));
  }

  private static List<JsonNode> lines(RunResult r, String file) {
    return TestRuns.lines(r.runDir(), file).stream().map(Json::parse).toList();
  }

  @Test
  void aCallThatFailsThroughItsRetries_rejectsItsItem_andTheRunGoesOn() {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 8).set("models.default.max_retries", 1).build(),
        RunOptions.DEFAULT.withResponder(req -> req.callKey().equals("round/0/prompt/1")
            ? SimResponse.error(503, null) : null));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.exitCode()).isZero();
    assertThat(r.accepted()).isEqualTo(8);
    JsonNode rejected = lines(r, RunOutput.REJECTED).stream()
        .filter(n -> n.path("key").asText().equals("round/0/prompt/1")).findFirst().orElseThrow();
    assertThat(rejected.path("step").asText()).isEqualTo("call_failed");
    assertThat(rejected.path("reason").asText()).startsWith("gave up on simulated:")
        .contains("after 2 attempts; last error: HTTP 503");
    assertThat(manifest(r).path("usage").path("total").path("failures").asInt()).isEqualTo(1);
  }

  @Test
  void anEndpointThatStaysDown_stopsTheRunWithExit3() {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 8).set("models.default.max_retries", 0).build(),
        RunOptions.DEFAULT.withResponder(req -> SimResponse.error(500, null)));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.message()).contains("looks down: 5 calls in a row failed through all their retries")
        .contains("run the same command to resume");
    assertThat(manifest(r).path("status").asText()).isEqualTo("failed");
  }

  @Test
  void aRunThatEndsShortOfItsTarget_isIncompleteWithExit5AndSaysWhy() {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 8).set("self-instruct.max_idle_rounds", 2)
        .set("models.default.max_repairs", 0).build(),
        RunOptions.DEFAULT.withResponder(req -> SimResponse.text("I would rather not.")));
    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(r.exitCode()).isEqualTo(5);
    assertThat(r.message()).startsWith("the method finished its work with 0 of 8 records")
        .contains("no new item passed the filters for 2 rounds").contains("rejected: parse 8 (rejected.jsonl)")
        .contains("Replies did not match the schema");
    JsonNode m = manifest(r);
    assertThat(m.path("status").asText()).isEqualTo("incomplete");
    assertThat(m.path("message").asText()).isEqualTo(r.message());
  }

  @Test
  void whatTheGatewayLearns_isRecordedOnce_andAppliedFromTheStartOfAResumedRun() {
    List<String> notices = new CopyOnWriteArrayList<>();
    RunListener listener = new RunListener() {
      @Override
      public void notice(String message) {
        notices.add(message);
      }
    };
    try (Simulator sim = Simulator.start(null);
        ProfileProxy proxy = ProfileProxy.start(sim, ProfileProxy.Habit.REASONING)) {
      ModelConfig reasoning = ModelConfig.openAi(proxy.baseUrl(), "gpt-5-mini").apiKey("sk-test").maxTokens(512)
          .temperature(0.7).maxConcurrency(8).build();
      RunResult first = Runs.run(TestRuns.selfInstruct(dir, 6).model("default", reasoning).build(),
          new RunOptions(false, false, listener, null));
      assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.COMPLETED);
      // Self-Instruct sets temperature and top_p, so three fixes; calls in flight when one was learned were refused
      // too, but each was learned and recorded once.
      assertThat(proxy.refused()).isBetween(3, 3 * 8);
      assertThat(notices).filteredOn(n -> n.contains("max_completion_tokens")).hasSize(1);
      assertThat(notices).filteredOn(n -> n.contains("rejected temperature")).hasSize(1);
      JsonNode adaptations = manifest(first).path("adaptations");
      assertThat(adaptations).hasSize(3);
      assertThat(adaptations.findValuesAsText("param")).containsExactlyInAnyOrder("max_tokens", "temperature",
          "top_p");
      assertThat(adaptations.findValuesAsText("fix")).containsExactlyInAnyOrder("rename:max_completion_tokens",
          "drop", "drop");
      assertThat(lines(first, RunOutput.EVENTS)).filteredOn(e -> e.path("type").asText().equals("adaptation"))
          .hasSize(3);

      int refusedBefore = proxy.refused();
      RunResult second = Runs.run(TestRuns.selfInstruct(dir, 12).model("default", reasoning).build(),
          new RunOptions(false, false, listener, null));
      assertThat(second.status()).as(second.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(proxy.refused()).isEqualTo(refusedBefore);
      assertThat(notices).filteredOn(n -> n.contains("max_completion_tokens")).hasSize(1);
      assertThat(manifest(second).path("adaptations")).hasSize(3);
    }
  }
}
