package io.synthkit.method.selfinstruct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The length filters at their edges: a text of exactly min_words, max_words or min_chars passes, one word or character
 * past is rejected; rounds that accept something keep the run going even with max_idle_rounds 1.
 */
class SelfInstructFilterBoundsTest {

  @TempDir
  Path dir;

  @Test
  void lengthLimits_areInclusive_andEachRoundIsLogged() {
    // The default replies ("Explain" + 10 words) are over max_words, so only the scripted texts can pass.
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 4).set("self-instruct.min_words", 5)
        .set("self-instruct.max_words", 8).set("self-instruct.min_chars", 30).set("self-instruct.rouge_threshold", 1.0)
        .set("self-instruct.max_idle_rounds", 1).build(), RunOptions.DEFAULT.withResponder(SelfInstructTest.script(
            new ConcurrentHashMap<>(), Map.of(
                "round/0/prompt/0", SelfInstructTest.item("alpha bravo charlie delta echo foxtrot golf hotel"),
                "round/0/prompt/1", SelfInstructTest.item("india juliet kilo lima mike november oscar papa quebec"),
                "round/0/prompt/2", SelfInstructTest.item("romeo sierra tango uniform victor"),
                "round/0/prompt/3", SelfInstructTest.item("whiskeys xrayings yankees zuluvians"),
                "round/1/prompt/0", SelfInstructTest.item("aaaa bbbb cccc dddd eeee fffff"),
                "round/1/prompt/1", SelfInstructTest.item("gggg hhhh iiii jjjj kkkk llll"),
                "round/1/prompt/2", SelfInstructTest.item("mmmm nnnn oooo pppp qqqq rrrr ssss")))));

    List<String> data = TestRuns.lines(r.runDir(), "dataset.jsonl").stream()
        .map(l -> Json.parse(l).path("data").path("instruction").asText()).toList();
    assertThat(data).containsExactly("alpha bravo charlie delta echo foxtrot golf hotel",
        "romeo sierra tango uniform victor", "aaaa bbbb cccc dddd eeee fffff", "mmmm nnnn oooo pppp qqqq rrrr ssss");

    Map<String, String> reasons = new java.util.HashMap<>();
    TestRuns.lines(r.runDir(), "rejected.jsonl").stream().map(Json::parse)
        .forEach(n -> reasons.put(n.path("key").asText(), n.path("step").asText() + " " + n.path("reason").asText()));
    assertThat(reasons).containsEntry("round/0/prompt/1/item/0", "length length: 9 words outside [5, 8]")
        .containsEntry("round/0/prompt/3/item/0", "length length: 4 words outside [5, 8]")
        .containsEntry("round/1/prompt/1/item/0", "length length: 29 characters < min_chars 30");

    List<JsonNode> rounds = TestRuns.lines(r.runDir(), "events.jsonl").stream().map(Json::parse)
        .filter(e -> e.path("type").asText().equals("round")).toList();
    assertThat(rounds).hasSize(2);
    assertThat(rounds.get(0).path("key").asText()).isEqualTo("round/0");
    assertThat(rounds.get(0).path("accepted").asInt()).isEqualTo(2);
    // 10 seeds plus the two items accepted in round 0.
    assertThat(rounds.get(0).path("pool").asInt()).isEqualTo(12);
    assertThat(rounds.get(1).path("round").asInt()).isEqualTo(1);
  }
}
