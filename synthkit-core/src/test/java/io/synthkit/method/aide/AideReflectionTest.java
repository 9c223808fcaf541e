package io.synthkit.method.aide;

import static io.synthkit.method.aide.AideScript.draft;
import static io.synthkit.method.aide.AideScript.grade;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

@Timeout(120)
class AideReflectionTest {

  @TempDir
  Path dir;

  static final String SEED = "Which organelle produces most of a cell's ATP?";

  /** One seed, one hop: three attribute paths (s0.a0o0..2) and one persona path (s0.p0). */
  ConfigBuilder config() {
    return AideScript.config(dir, 100, AideScript.seeds(dir, SEED), AideScript.personas(dir, "A cell biologist"))
        .set("aide.depth", 1).set("aide.attributes", 1).set("personas.k", 1)
        .set("aide.max_improve_relevance", 2).set("aide.max_improve_diversity", 1);
  }

  AideScript script() {
    AideScript s = new AideScript();
    s.on("node/s0.a0o1/grade/0", grade(3, "Too far from cell biology; ask about mitochondria."));
    s.on("node/s0.a0o1/grade/1", grade(7, "Good."));
    for (int i = 0; i < 5; i++) {
      s.on("node/s0.a0o2/grade/" + i, grade(2, "Unrelated to the seed."));
    }
    s.on("node/s0.p0/grade/0", grade(4, "A paraphrase of the parent."));
    s.on("node/s0.p0/grade/1", grade(5, "Different enough."));
    return s;
  }

  static Map<String, JsonNode> byId(RunResult r) {
    return AideTreeTest.read(r.runDir(), "dataset.jsonl").stream().collect(Collectors.toMap(
        n -> n.path("id").asText(), Function.identity()));
  }

  @Test
  void reflection_acceptsImprovesAndRejectsWithinTheLimits() {
    AideScript s = script();
    RunResult r = Runs.run(config().build(), RunOptions.DEFAULT.withResponder(s));
    Map<String, JsonNode> data = byId(r);

    assertThat(data).containsOnlyKeys("aide-s0.a0o0", "aide-s0.a0o1", "aide-s0.p0");
    // Accepted on the first grade: no improvement.
    assertThat(data.get("aide-s0.a0o0").path("meta").path("grades").toString()).isEqualTo("[8]");
    assertThat(s.counts).doesNotContainKey("node/s0.a0o0/improve/0");
    // Improved once from the grader's feedback, then accepted: the record holds the improved question.
    JsonNode improved = data.get("aide-s0.a0o1");
    assertThat(improved.path("meta").path("grades").toString()).isEqualTo("[3,7]");
    assertThat(improved.path("meta").path("reflection").asText()).isEqualTo("relevance");
    assertThat(improved.path("data").path("question").asText()).isEqualTo("Improved question at s0.a0o1 round 0");
    assertThat(s.prompts.get("node/s0.a0o1/improve/0")).contains("ask about mitochondria", SEED, "3 out of 10");
    assertThat(s.prompts.get("node/s0.a0o1/grade/0")).contains("how relevant", SEED);
    // A grade of exactly the threshold (4) is not above it: the persona path needed one improvement.
    assertThat(data.get("aide-s0.p0").path("meta").path("grades").toString()).isEqualTo("[4,5]");
    assertThat(data.get("aide-s0.p0").path("meta").path("reflection").asText()).isEqualTo("diversity");

    // Never above the threshold: 2 improvements (the limit), 3 grades, then rejected with the grades.
    assertThat(s.keys("grade").stream().filter(k -> k.contains("s0.a0o2"))).hasSize(3);
    assertThat(s.keys("improve").stream().filter(k -> k.contains("s0.a0o2"))).hasSize(2);
    List<JsonNode> rejected = AideTreeTest.read(r.runDir(), "rejected.jsonl");
    assertThat(rejected).singleElement().satisfies(j -> {
      assertThat(j.path("key").asText()).isEqualTo("node/s0.a0o2");
      assertThat(j.path("step").asText()).isEqualTo("reflection");
      assertThat(j.path("reason").asText()).contains("relevance grades [2, 2, 2] never above 4 after 2 improvements",
          "Unrelated to the seed.");
      assertThat(j.path("meta").path("operation").asText()).isEqualTo("reasoning");
    });
    assertThat(s.keys("annotate")).noneMatch(k -> k.contains("s0.a0o2"));
  }

  @Test
  void keepUnaccepted_keepsTheLastVersionMarkedAsNeverAccepted() {
    RunResult r = Runs.run(config().set("aide.keep_unaccepted", true).build(),
        RunOptions.DEFAULT.withResponder(script()));
    JsonNode kept = byId(r).get("aide-s0.a0o2");
    assertThat(kept.path("meta").path("reflection_accepted").asBoolean(true)).isFalse();
    assertThat(kept.path("meta").path("grades").toString()).isEqualTo("[2,2,2]");
    assertThat(kept.path("data").path("question").asText()).isEqualTo("Improved question at s0.a0o2 round 1");
  }

  @Test
  void lengthLimit_shortensLongQuestionsAndRejectsThoseThatStayLong() {
    String longQ = "Explain in detail, with every intermediate step shown, how the electron transport chain works?";
    AideScript s = new AideScript();
    s.on("node/s0.a0o0/synth", draft(longQ)).on("node/s0.a0o0/shorten/0", draft("How does the ETC make ATP?"));
    s.on("node/s0.a0o1/synth", draft(longQ)).on("node/s0.a0o1/shorten/0", draft(longQ + " Still long."));
    RunResult r = Runs.run(config().set("aide.max_chars", 70).build(), RunOptions.DEFAULT.withResponder(s));
    Map<String, JsonNode> data = byId(r);
    assertThat(data.get("aide-s0.a0o0").path("data").path("question").asText()).isEqualTo("How does the ETC make ATP?");
    assertThat(s.prompts.get("node/s0.a0o0/shorten/0")).contains("under 70 characters", longQ);
    assertThat(data).doesNotContainKey("aide-s0.a0o1");
    assertThat(AideTreeTest.read(r.runDir(), "rejected.jsonl")).singleElement().satisfies(j -> {
      assertThat(j.path("step").asText()).isEqualTo("length");
      assertThat(j.path("reason").asText()).contains("> max_chars 70 after shortening");
    });
    assertThat(s.counts).doesNotContainKey("node/s0.a0o1/grade/0");
  }
}
