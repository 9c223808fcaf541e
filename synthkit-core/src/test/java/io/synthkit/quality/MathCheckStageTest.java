package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MathCheckStageTest {

  @TempDir
  Path dir;

  @BeforeEach
  void reset() {
    ScriptedSandbox.reset();
  }

  static SimResponse program(String code) {
    return SimResponse.json(Json.object().put("analysis", "count them").put("code", code));
  }

  /** Answers attempt keys with programs; records prompts. */
  static Responder programs(Map<String, String> prompts, Map<String, String> byKey) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      String code = byKey.get(req.callKey());
      return code == null ? SimResponse.text("no program scripted for " + req.callKey()) : program(code);
    };
  }

  @Test
  void wrongLabel_isReplacedByTheSandboxResult() {
    ScriptedSandbox.OUTCOMES.put("answer = 3 * 8", ScriptedSandbox.value("24"));
    ScriptedSandbox.OUTCOMES.put("answer = 5 * 2", ScriptedSandbox.value("10"));
    List<Map<String, Object>> items = List.of(
        Map.of("question", "How many legs do 3 spiders have?", "answer", 18),
        Map.of("question", "Two hands with five fingers each: how many fingers?", "answer", 10));
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = StageRuns.run(StageRuns.config(dir, items, List.of("math_check")), programs(prompts, Map.of(
        "math_check/item-0/attempt/0", "answer = 3 * 8", "math_check/item-1/attempt/0", "answer = 5 * 2")));
    List<JsonNode> data = StageRuns.dataset(r);
    assertThat(data.get(0).path("data").path("answer").isIntegralNumber()).isTrue();
    assertThat(data.get(0).path("data").path("answer").asLong()).isEqualTo(24);
    JsonNode found = data.get(0).path("meta").path("quality").path("math_check");
    assertThat(found.path("status").asText()).isEqualTo("corrected");
    assertThat(found.path("original_label").asInt()).isEqualTo(18);
    assertThat(data.get(1).path("data").path("answer").asInt()).isEqualTo(10);
    assertThat(data.get(1).path("meta").path("quality").path("math_check").path("status").asText())
        .isEqualTo("verified");
    // The label is not shown to the program writer, so it cannot just copy it.
    assertThat(prompts.get("math_check/item-0/attempt/0")).contains("3 spiders").doesNotContain("18");
    JsonNode summary = Manifest.read(r.runDir()).summary();
    assertThat(summary.path("math_check").path("corrected").asInt()).isEqualTo(1);
    assertThat(summary.path("math_check").path("verified").asInt()).isEqualTo(1);
    assertThat(summary.path("quality").path("math_check").path("changed").asInt()).isEqualTo(1);
  }

  @Test
  void comparison_isNumericWithTolerance() {
    ScriptedSandbox.OUTCOMES.put("third", ScriptedSandbox.value("0.33333333333"));
    ScriptedSandbox.OUTCOMES.put("big", ScriptedSandbox.value("1250.0"));
    List<Map<String, Object>> items = List.of(
        Map.of("question", "a third", "answer", "0.3333333"),
        Map.of("question", "price", "answer", "The total is $1,250. #### 1,250"));
    Map<String, String> code = Map.of("math_check/item-0/attempt/0", "third", "math_check/item-1/attempt/0", "big");
    RunResult loose = StageRuns.run(StageRuns.config(dir.resolve("a"), items, List.of("math_check")),
        programs(new ConcurrentHashMap<>(), code));
    assertThat(StageRuns.dataset(loose)).allSatisfy(n ->
        assertThat(n.path("meta").path("quality").path("math_check").path("status").asText()).isEqualTo("verified"));
    RunResult strict = StageRuns.run(StageRuns.config(dir.resolve("b"), items,
        List.of(Map.of("math_check", Map.of("tolerance", 1e-9)))), programs(new ConcurrentHashMap<>(), code));
    JsonNode third = StageRuns.dataset(strict).get(0);
    assertThat(third.path("meta").path("quality").path("math_check").path("status").asText()).isEqualTo("corrected");
    assertThat(third.path("data").path("answer").asText()).isEqualTo("0.33333333333");
  }

  @Test
  void failedRun_feedsItsErrorIntoTheRetry() {
    ScriptedSandbox.OUTCOMES.put("answer = 3 * 8 / 0",
        ScriptedSandbox.fails(ExecutionResult.Kind.RUNTIME, "ZeroDivisionError: division by zero"));
    ScriptedSandbox.OUTCOMES.put("answer = 3 * 8", ScriptedSandbox.value("24"));
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = StageRuns.run(StageRuns.config(dir, List.of(Map.of("question", "3 spiders, legs?", "answer", 24)),
        List.of("math_check")), programs(prompts, Map.of("math_check/item-0/attempt/0", "answer = 3 * 8 / 0",
        "math_check/item-0/attempt/1", "answer = 3 * 8")));
    assertThat(prompts.get("math_check/item-0/attempt/0")).doesNotContain("ZeroDivisionError");
    assertThat(prompts.get("math_check/item-0/attempt/1")).contains("ZeroDivisionError: division by zero")
        .contains("answer = 3 * 8 / 0");
    JsonNode found = StageRuns.dataset(r).get(0).path("meta").path("quality").path("math_check");
    assertThat(found.path("status").asText()).isEqualTo("verified");
    assertThat(found.path("attempts")).hasSize(2);
    assertThat(found.path("attempts").get(0).path("outcome").asText()).isEqualTo("runtime");
  }

  @Test
  void noAnswerAfterAllAttempts_isRecordedAndRejectedOrKeptUnverified() {
    ScriptedSandbox.OUTCOMES.put("loop", ScriptedSandbox.fails(ExecutionResult.Kind.TIMEOUT, "ran past 5 s"));
    ScriptedSandbox.OUTCOMES.put("words", ScriptedSandbox.value("'eighteen'"));
    Responder r = programs(new ConcurrentHashMap<>(), Map.of("math_check/item-0/attempt/0", "loop",
        "math_check/item-0/attempt/1", "words", "math_check/item-0/attempt/2", "loop"));
    List<Map<String, Object>> items = List.of(Map.of("question", "3 spiders, legs?", "answer", 24));
    RunResult rejected = StageRuns.run(StageRuns.config(dir.resolve("a"), items,
        List.of(Map.of("math_check", Map.of("attempts", 3, "max_sandbox_failures", 3)))), r);
    assertThat(rejected.accepted()).isZero();
    JsonNode line = StageRuns.rejected(rejected).get(0);
    assertThat(line.path("step").asText()).isEqualTo("math_check");
    assertThat(line.path("reason").asText()).contains("3 attempts").contains("ran past 5 s");
    assertThat(line.path("meta").path("quality").path("math_check").path("attempts")).extracting(
        n -> n.path("outcome").asText()).containsExactly("timeout", "no_number", "timeout");
    RunResult kept = StageRuns.run(StageRuns.config(dir.resolve("b"), items,
        List.of(Map.of("math_check", Map.of("attempts", 3, "on_failure", "keep", "max_sandbox_failures", 3)))), r);
    JsonNode rec = StageRuns.dataset(kept).get(0);
    assertThat(rec.path("meta").path("quality").path("math_check").path("status").asText()).isEqualTo("unverified");
    assertThat(rec.path("data").path("answer").asInt()).isEqualTo(24);
  }

  @Test
  void sandboxLimitFailures_giveUpOnTheItemAfterTheBound() {
    ScriptedSandbox.OUTCOMES.put("loop", ScriptedSandbox.fails(ExecutionResult.Kind.TIMEOUT, "ran past 5 s"));
    ScriptedSandbox.OUTCOMES.put("bomb", ScriptedSandbox.fails(ExecutionResult.Kind.LIMIT, "memory limit: 256 MiB"));
    ScriptedSandbox.OUTCOMES.put("typo", ScriptedSandbox.fails(ExecutionResult.Kind.RUNTIME, "NameError: x"));
    ScriptedSandbox.OUTCOMES.put("answer = 3 * 8", ScriptedSandbox.value("24"));
    Map<String, String> prompts = new ConcurrentHashMap<>();
    // A runtime error is an ordinary mistake and does not count; the timeout and the memory bomb do.
    Responder r = programs(prompts, Map.of("math_check/item-0/attempt/0", "loop",
        "math_check/item-0/attempt/1", "typo", "math_check/item-0/attempt/2", "bomb",
        "math_check/item-0/attempt/3", "answer = 3 * 8"));
    List<Map<String, Object>> items = List.of(Map.of("question", "3 spiders, legs?", "answer", 24));
    RunResult r2 = StageRuns.run(StageRuns.config(dir.resolve("a"), items,
        List.of(Map.of("math_check", Map.of("attempts", 5, "on_failure", "keep")))), r);
    assertThat(r2.accepted()).isZero();
    JsonNode line = StageRuns.rejected(r2).get(0);
    assertThat(line.path("reason").asText()).startsWith("sandbox gave up after 2 failures")
        .contains("memory limit: 256 MiB");
    assertThat(line.path("meta").path("quality").path("math_check").path("attempts")).extracting(
        n -> n.path("outcome").asText()).containsExactly("timeout", "runtime", "limit");
    assertThat(prompts).doesNotContainKey("math_check/item-0/attempt/3");
    assertThat(Manifest.read(r2.runDir()).summary().path("math_check").path("sandbox_gave_up").asInt()).isEqualTo(1);
    // A higher bound lets the fourth program answer.
    RunResult r3 = StageRuns.run(StageRuns.config(dir.resolve("b"), items,
        List.of(Map.of("math_check", Map.of("attempts", 5, "max_sandbox_failures", 3)))), r);
    assertThat(r3.accepted()).isEqualTo(1);
  }
}
