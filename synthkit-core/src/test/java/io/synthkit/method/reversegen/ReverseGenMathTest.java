package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReverseGenMathTest {

  @TempDir
  Path dir;

  /** Target replies per (prompt, sample) and whether each is a failure against the gold answers below. */
  static final String[][] TARGET = {
      {"So the total is 42.\n#### 42", "The answer is \\boxed{42.00}", "She ends with 41 apples.", "I cannot say."},
      {"#### $1,250.50", "#### 1250.4", "That makes \\boxed{\\frac{1}{2}} of it", "1250.5 in total, minus 0 = 1250.50"},
      {"#### 7", "#### 7", "#### 7", "#### 7"}};
  static final String[] GOLD = {"42", "1250.5", null};

  static String problem(int prompt, int sample) {
    return "A farmer has " + (prompt * 10 + sample) + " crates of " + Scripts.words("m" + prompt + "s" + sample)
        + ". How many remain?";
  }

  @Test
  void targetFinalNumber_againstSolverGold_decidesFailure() {
    List<SimRequest> solverRequests = Collections.synchronizedList(new ArrayList<>());
    Responder r = req -> {
      String key = req.callKey();
      String[] parts = key.split("/");
      if (key.endsWith("/propose")) {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < req.n(); s++) {
          texts.add("Q4. " + problem(Scripts.prompt(req), s) + "\nAnswer: 12\n\nQ5. Another problem about 3 cats.");
        }
        return SimResponse.texts(texts);
      }
      if (key.endsWith("/solve")) {
        solverRequests.add(req);
        String gold = GOLD[Integer.parseInt(parts[3])];
        return gold == null ? SimResponse.text("I would rather not.")
            : SimResponse.json(Json.object().put("solution", "Count them up. The result is " + gold + ".")
                .put("answer", new java.math.BigDecimal(gold)));
      }
      if (key.endsWith("/target")) {
        return SimResponse.text(TARGET[Integer.parseInt(parts[3])][Integer.parseInt(parts[5])]);
      }
      return null;
    };
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seeds.add("Sam buys " + (i + 2) + " packs of " + Scripts.words("seed" + i) + ". How many in all?");
    }
    RunResult result = Runs.run(Scripts.config(dir, "math", 100, Scripts.lines(dir, "gsm.txt", seeds))
        .set("reversegen.iterations", 1).set("models.default.max_repairs", 0).build(),
        RunOptions.DEFAULT.withResponder(r));

    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data).extracting(n -> n.path("id").asText())
        .containsExactly("rg-i1-p0-s2", "rg-i1-p0-s3", "rg-i1-p1-s1", "rg-i1-p1-s2");
    JsonNode first = data.get(0);
    assertThat(first.path("data").path("instruction").asText()).isEqualTo(problem(0, 2));
    assertThat(first.path("data").path("answer").asText()).isEqualTo("42");
    assertThat(first.path("data").path("response").asText()).endsWith("#### 42").startsWith("Count them up.");
    assertThat(first.path("meta").path("oracle").path("target_answer").asText()).isEqualTo("41");
    assertThat(data.get(1).path("meta").path("oracle").path("target_answer").isNull()).isTrue();
    assertThat(data.get(3).path("meta").path("oracle").path("target_answer").asText()).isEqualTo("1");

    List<JsonNode> rejected = TestRuns.lines(result.runDir(), "rejected.jsonl").stream().map(Json::parse).toList();
    assertThat(rejected).filteredOn(n -> n.path("step").asText().equals("gold")).hasSize(4)
        .allSatisfy(n -> assertThat(n.path("key").asText()).startsWith("iter/1/prompt/2/"));
    assertThat(solverRequests).hasSize(12).allSatisfy(q -> {
      assertThat(q.temperature()).isEqualTo(0.0);
      assertThat(q.lastUser()).contains("Problem: A farmer has").doesNotContain("Answer: 12").doesNotContain("Q5");
    });
    JsonNode it = TestRuns.lines(result.runDir(), "events.jsonl").stream().map(Json::parse)
        .filter(n -> n.path("type").asText().equals("iteration")).findFirst().orElseThrow();
    assertThat(it.path("judged").asInt()).isEqualTo(8);
    assertThat(it.path("failures").asInt()).isEqualTo(4);
    assertThat(it.path("pairs").asInt()).isEqualTo(4);
  }

  @Test
  void sandboxGold_usesTheSolversProgram_andRejectsProgramsThatDisagreeOrFail() {
    // Per prompt: a program agreeing with the solution (gold 12), one disagreeing, one that does not run.
    String[] programs = {"answer = 3 * 4", "answer = 3 + 4", "import os"};
    List<SimRequest> solverRequests = Collections.synchronizedList(new ArrayList<>());
    Responder r = req -> {
      String key = req.callKey();
      String[] parts = key.split("/");
      if (key.endsWith("/propose")) {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < req.n(); s++) {
          texts.add(problem(Scripts.prompt(req), s));
        }
        return SimResponse.texts(texts);
      }
      if (key.endsWith("/solve")) {
        solverRequests.add(req);
        return SimResponse.json(Json.object().put("solution", "Three boxes of four.\n#### 12").put("answer", 12)
            .put("program", programs[Integer.parseInt(parts[3])]));
      }
      if (key.endsWith("/target")) {
        return SimResponse.text(parts[5].equals("0") ? "#### 12.0" : "#### 7");
      }
      return null;
    };
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      seeds.add("Sam buys " + (i + 2) + " packs of " + Scripts.words("seed" + i) + ". How many in all?");
    }
    RunResult result = Runs.run(Scripts.config(dir, "math", 100, Scripts.lines(dir, "gsm.txt", seeds))
        .set("reversegen.iterations", 1).set("reversegen.math_gold", "sandbox").set("sandbox.provider", "arithmetic")
        .build(), RunOptions.DEFAULT.withResponder(r));

    assertThat(solverRequests).allSatisfy(q -> assertThat(q.lastUser()).contains("variable named answer"));
    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data).extracting(n -> n.path("id").asText()).containsExactly("rg-i1-p0-s1", "rg-i1-p0-s2",
        "rg-i1-p0-s3");
    assertThat(data.get(0).path("data").path("response").asText()).isEqualTo("Three boxes of four.\n#### 12");
    List<JsonNode> rejected = TestRuns.lines(result.runDir(), "rejected.jsonl").stream().map(Json::parse).toList();
    assertThat(rejected).filteredOn(n -> n.path("key").asText().startsWith("iter/1/prompt/1/")).hasSize(4)
        .allSatisfy(n -> assertThat(n.path("reason").asText()).contains("computes 7").contains("says 12"));
    assertThat(rejected).filteredOn(n -> n.path("key").asText().startsWith("iter/1/prompt/2/")).hasSize(4)
        .allSatisfy(n -> assertThat(n.path("reason").asText()).contains("program failed (SYNTAX)"));
  }
}
