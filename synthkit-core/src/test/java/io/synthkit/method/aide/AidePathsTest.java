package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.synthkit.Runs;

@Timeout(120)
class AidePathsTest {

  @TempDir
  Path dir;

  static final String VOLCANO = "A volcanologist who measures volcano eruptions on active islands";
  static final String BAKER = "A home baker who perfects sourdough bread baking every weekend";

  Path personas() {
    return AideScript.personas(dir, "A sailor who charts ocean currents", VOLCANO, "A pianist who teaches jazz harmony",
        BAKER);
  }

  @Test
  void personas_areRetrievedPerNodeByItsTopic() {
    AideScript script = new AideScript();
    script.topics.putAll(Map.of("s0", "volcano eruptions", "s1", "sourdough bread baking"));
    Path seeds = AideScript.seeds(dir, "Why do some volcanoes explode?", "Why does dough rise?");
    RunResult r = Runs.run(AideScript.config(dir, 100, seeds, personas()).set("aide.depth", 1)
        .set("aide.attributes", 0).set("personas.k", 1).build(), RunOptions.DEFAULT.withResponder(script));

    assertThat(script.prompts.get("node/s0.p0/synth")).contains(VOLCANO).doesNotContain(BAKER)
        .contains("volcano eruptions");
    assertThat(script.prompts.get("node/s1.p0/synth")).contains(BAKER).doesNotContain(VOLCANO);
    List<JsonNode> data = AideTreeTest.read(r.runDir(), "dataset.jsonl");
    assertThat(data).extracting(n -> n.path("meta").path("persona").asText()).containsExactly(VOLCANO, BAKER);
    assertThat(data).allSatisfy(n -> assertThat(n.path("meta").path("persona_similarity").asDouble()).isPositive());
    // Persona paths are graded for diversity against the parent, not for relevance.
    assertThat(script.prompts.get("node/s0.p0/grade/0")).contains("how different");
  }

  @Test
  void minSimilarity_dropsPersonasBelowTheThreshold() {
    AideScript script = new AideScript();
    script.topics.putAll(Map.of("s0", "volcano eruptions", "s1", "sourdough bread baking"));
    Path seeds = AideScript.seeds(dir, "Why do some volcanoes explode?", "Why does dough rise?");
    RunResult r = Runs.run(AideScript.config(dir, 100, seeds, personas()).set("aide.depth", 1)
        .set("aide.attributes", 0).set("personas.k", 3).set("personas.min_similarity", 0.3).build(),
        RunOptions.DEFAULT.withResponder(script));
    assertThat(AideTreeTest.read(r.runDir(), "dataset.jsonl")).extracting(n -> n.path("meta").path("persona")
        .asText()).containsExactly(VOLCANO, BAKER);
    assertThat(script.keys("synth")).containsExactly("node/s0.p0/synth", "node/s1.p0/synth");
  }

  /** Children of one seed over 3 hops, 1 triplet × 3 operations + 1 persona each: 4 + 16 + 64. */
  @ParameterizedTest
  @CsvSource({"paper, 1", "paper, 2", "code, 1"})
  void residual_showsTheSeedExactlyWhereTheRuleSays(String rule, int depth) {
    AideScript script = new AideScript();
    String seed = "Which gas do plants absorb for photosynthesis?";
    Path seeds = AideScript.seeds(dir, seed);
    RunResult r = Runs.run(AideScript.config(dir, 1000, seeds, personas()).set("aide.depth", 3)
        .set("aide.attributes", 1).set("personas.k", 1).set("aide.reflection", false)
        .set("aide.answer_format", "free_text").set("aide.residual_rule", rule).set("aide.residual_depth", depth)
        .build(), RunOptions.DEFAULT.withResponder(script));

    List<String> synth = script.keys("synth");
    assertThat(synth).hasSize(84);
    for (String key : synth) {
      String path = AideScript.path(key);
      int hop = path.split("\\.").length - 1;
      String segment = path.substring(path.lastIndexOf('.') + 1);
      boolean expected = rule.equals("paper") ? hop >= 2 && hop <= depth + 1 : hop > depth && segment.equals("a0o2");
      String prompt = script.prompts.get(key);
      assertThat(prompt.contains("Original seed item")).as(key).isEqualTo(expected);
      if (expected) {
        assertThat(prompt).as(key).contains("Original seed item. The new item must stay relevant to the task and"
            + " domain of this seed:\n" + seed);
      }
    }
    assertThat(AideTreeTest.read(r.runDir(), "dataset.jsonl")).allSatisfy(n -> {
      String path = n.path("id").asText().substring("aide-".length());
      assertThat(n.path("meta").path("residual").asBoolean())
          .isEqualTo(script.prompts.get("node/" + path + "/synth").contains("Original seed item"));
    });
  }
}
