package io.synthkit.evaluation;

import static io.synthkit.evaluation.Records.meta;
import static io.synthkit.evaluation.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.run.ModelSession;

// Model-based evaluation over the simulator's real HTTP path, with scripted replies.
class ModelEvaluationTest {

  @TempDir
  Path dir;

  private RunConfig config() {
    return ConfigBuilder.create("eval", "self-instruct", Methods.names()).target(1).simulated().outputDir(dir)
        .environment(Map.of()).baseDir(dir).build();
  }

  @Test
  void categorize_selfInstructRun_judgeSeesKnownCategoriesAndCoverageFollows() {
    Dataset advisor = Dataset.of("advisor", List.of(
        record("a1", "how to pick a lock", meta("iteration", 0, "category", "Burglary")),
        record("a2", "how to forge a cheque", meta("iteration", 1, "category", "fraud"))));
    Dataset selfInstruct = Dataset.of("self-instruct", List.of(
        record("s1", "write a phishing email", meta("round", 0)),
        record("s2", "open a door without its key", meta("round", 1)),
        record("s3", "make a fake id card", meta("round", 1))));
    Map<String, String> prompts = new ConcurrentHashMap<>();
    try (ModelSession g = ModelRoles.open(config(), req -> {
      prompts.put(req.callKey(), req.lastUser());
      String text = req.lastUser();
      String category = text.contains("phishing") ? "  Online   FRAUD " : text.contains("door") ? "burglary"
          : "fraud";
      return SimResponse.json(Json.object().put("category", category));
    })) {
      List<Dataset> out = Comparison.categorize(List.of(advisor, selfInstruct),
          g.llm(ModelRoles.pick(config(), List.of("judge"))), PromptLibrary.defaults(), null);
      assertThat(out.get(0)).isSameAs(advisor);
      assertThat(out.get(1).records()).extracting(r -> r.meta().path("category").asText())
          .containsExactly("online fraud", "burglary", "fraud");
      assertThat(prompts).containsOnlyKeys("evaluate/categorize/s1", "evaluate/categorize/s2",
          "evaluate/categorize/s3");
      // The vocabulary is normalized and offered in every prompt.
      assertThat(prompts.get("evaluate/categorize/s2")).contains("- burglary").contains("- fraud")
          .contains("open a door without its key");
      var coverage = Evaluation.of(out.get(1)).run().iterations();
      assertThat(coverage.key()).isEqualTo("round");
      assertThat(coverage.points()).extracting(EvaluationResult.IterationPoint::coverage).containsExactly(1, 3);
    }
  }

  @Test
  void entities_modelExtractor_structuredRepliesGiveTheOverlap() {
    try (ModelSession g = ModelRoles.open(config(), req -> {
      String t = req.lastUser();
      List<String> ents = t.contains("Obama visited Berlin") ? List.of("Barack Obama", "Berlin")
          : t.contains("NASA") ? List.of("NASA", " ") : t.contains("Merkel") ? List.of("Angela Merkel", "Berlin")
          : List.of();
      return SimResponse.json(Json.object().set("entities", Json.tree(ents)));
    })) {
      ModelEntityExtractor x = new ModelEntityExtractor(g.llm("default"), PromptLibrary.defaults());
      assertThat(x.describe()).contains("model role default").contains("SIMULATED").contains("structured output");
      Dataset generated = Records.texts(List.of("Merkel met the press", "a text without names"));
      Dataset reference = Records.texts(List.of("Obama visited Berlin", "NASA launched"));
      var r = Evaluation.of(generated).reference(reference).entityExtractor(x).run().entities();
      // ref {Barack Obama, Berlin, NASA} vs gen {Angela Merkel, Berlin}: 1 shared / min(3, 2).
      assertThat(r.referenceEntities()).isEqualTo(3);
      assertThat(r.generatedEntities()).isEqualTo(2);
      assertThat(r.overlap()).isEqualTo(0.5);
      assertThat(x.entities(List.of("NASA launched"), "t")).isEqualTo(Set.of("NASA"));
    }
  }
}
