package io.synthkit.method.aide;

import static io.synthkit.method.aide.AideScript.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

@Timeout(120)
class AideAnnotationTest {

  @TempDir
  Path dir;

  /** One seed, one hop, persona paths off: three attribute paths s0.a0o0..2. */
  ConfigBuilder config(String format) {
    return AideScript.config(dir, 100, AideScript.seeds(dir, "Which organelle produces ATP?"),
        AideScript.personas(dir, "unused")).set("personas.k", 0).set("aide.depth", 1).set("aide.attributes", 1)
        .set("aide.answer_format", format).set("aide.max_annotations", 3);
  }

  static SimResponse mcq(String correct, String... incorrect) {
    var wrong = Json.array();
    for (String w : incorrect) {
      wrong.add(w);
    }
    return SimResponse.json(Json.object().put("reasoning", "r").put("correct", correct).set("incorrect", wrong));
  }

  @Test
  void multipleChoice_hasOneCorrectAndThreeIncorrectAndIsReannotatedUntilConsistent() {
    AideScript s = new AideScript();
    s.on("node/s0.a0o0/annotate/0", mcq("Mitochondria", "Ribosome", "ribosome", "Nucleus"));
    s.on("node/s0.a0o0/annotate/1", mcq("Mitochondria", "Ribosome", "Golgi", "Nucleus"));
    s.on("node/s0.a0o0/check/1", check(false));
    s.on("node/s0.a0o0/annotate/2", mcq("Mitochondria", "Ribosome", "Golgi", "Lysosome"));
    for (int i = 0; i < 3; i++) {
      s.on("node/s0.a0o1/check/" + i, check(false));
    }
    RunResult r = Runs.run(config("multiple_choice").build(), RunOptions.DEFAULT.withResponder(s));

    List<JsonNode> data = AideTreeTest.read(r.runDir(), "dataset.jsonl");
    assertThat(data).extracting(n -> n.path("id").asText()).containsExactly("aide-s0.a0o0", "aide-s0.a0o2");
    JsonNode item = data.get(0).path("data");
    assertThat(item.path("choices")).hasSize(4);
    assertThat(item.path("choices").get(item.path("answer").asInt()).asText()).isEqualTo("Mitochondria");
    assertThat(List.of(item.path("choices").get(0).asText(), item.path("choices").get(1).asText(),
        item.path("choices").get(2).asText(), item.path("choices").get(3).asText()))
        .containsExactlyInAnyOrder("Mitochondria", "Ribosome", "Golgi", "Lysosome");
    assertThat(data.get(0).path("meta").path("annotations").asInt()).isEqualTo(3);
    // Duplicate options are caught without spending a check; the checker sees the options with the marked answer.
    assertThat(s.counts).doesNotContainKey("node/s0.a0o0/check/0");
    assertThat(s.prompts.get("node/s0.a0o0/check/2")).contains("A) ", "D) ", "Marked correct: "
        + (char) ('A' + item.path("answer").asInt()));
    // Never consistent: rejected after max_annotations attempts.
    assertThat(s.keys("annotate").stream().filter(k -> k.contains("s0.a0o1"))).hasSize(3);
    assertThat(AideTreeTest.read(r.runDir(), "rejected.jsonl")).singleElement().satisfies(j -> {
      assertThat(j.path("key").asText()).isEqualTo("node/s0.a0o1");
      assertThat(j.path("step").asText()).isEqualTo("annotation");
      assertThat(j.path("reason").asText()).contains("no consistent annotation in 3 attempts", "inconsistent");
    });
    // The annotator is asked for exactly three incorrect options.
    assertThat(s.prompts.get("node/s0.a0o0/annotate/0")).contains("the one correct option and 3 incorrect options");
  }

  @Test
  void yesNo_recordsYesOrNoAndNoChoices() {
    AideScript s = new AideScript();
    s.on("node/s0.a0o1/annotate/0", SimResponse.json(Map.of("reasoning", "r", "answer", "no")));
    RunResult r = Runs.run(config("yes_no").build(), RunOptions.DEFAULT.withResponder(s));
    List<JsonNode> data = AideTreeTest.read(r.runDir(), "dataset.jsonl");
    assertThat(data).extracting(n -> n.path("data").path("answer").asText()).containsExactly("yes", "no", "yes");
    assertThat(data).allSatisfy(n -> assertThat(n.path("data").has("choices")).isFalse());
    assertThat(s.prompts.get("node/s0.a0o0/synth")).contains("answered with yes or no");
  }

  @Test
  void freeText_recordsTheAnswerTextAndRejectsAnEmptyOne() {
    AideScript s = new AideScript();
    for (int i = 0; i < 3; i++) {
      s.on("node/s0.a0o2/annotate/" + i, SimResponse.json(Map.of("answer", "  ")));
    }
    RunResult r = Runs.run(config("free_text").build(), RunOptions.DEFAULT.withResponder(s));
    List<JsonNode> data = AideTreeTest.read(r.runDir(), "dataset.jsonl");
    assertThat(data).extracting(n -> n.path("data").toString()).containsExactly(
        "{\"question\":\"Question grown at s0.a0o0 about s0 a0o0?\",\"answer\":\"Answer for s0.a0o0\"}",
        "{\"question\":\"Question grown at s0.a0o1 about s0 a0o1?\",\"answer\":\"Answer for s0.a0o1\"}");
    assertThat(AideTreeTest.read(r.runDir(), "rejected.jsonl")).singleElement()
        .satisfies(j -> assertThat(j.path("reason").asText()).contains("the answer is empty"));
    assertThat(s.counts).doesNotContainKey("node/s0.a0o2/check/0");
  }
}
