package io.synthkit.method.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class DataGenTest {

  @TempDir
  Path dir;

  /** Records every request's last user message by key; placeholder replies. */
  static Responder recording(Map<String, String> prompts) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      return null;
    };
  }

  static long topicsIn(List<String> examples, String topic) {
    return examples.stream().filter(e -> e.contains(topic)).count();
  }

  @Test
  void kmeans_showsOneExampleFromEachCluster() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Runs.run(DataGenRuns.config(dir, 30, DataGenRuns.clusteredBase(dir)).set("datagen.examples", 3).build(),
        RunOptions.DEFAULT.withResponder(recording(prompts)));
    Set<Set<String>> distinctSets = new HashSet<>();
    for (int b = 0; b < 6; b++) {
      List<String> examples = DataGenRuns.examples(prompts.get("batch/" + b));
      assertThat(examples).hasSize(3);
      for (String topic : DataGenRuns.TOPICS) {
        assertThat(topicsIn(examples, topic)).as("batch %d, topic %s", b, topic).isEqualTo(1);
      }
      distinctSets.add(new HashSet<>(examples));
    }
    // One random member per cluster: different batches see different members.
    assertThat(distinctSets.size()).isGreaterThan(1);
  }

  @Test
  void dispersion_spreadsTwoExamplesOverTwoClusters() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    String base = Json.write(Json.object().put("question", "orchard apples pears harvest").put("answer", 1)) + "\n"
        + Json.write(Json.object().put("question", "orchard apples pears cider").put("answer", 2)) + "\n"
        + Json.write(Json.object().put("question", "orchard apples pears blossom").put("answer", 3)) + "\n"
        + Json.write(Json.object().put("question", "galaxy nebula stars telescope").put("answer", 4)) + "\n"
        + Json.write(Json.object().put("question", "galaxy nebula stars quasar").put("answer", 5)) + "\n";
    Runs.run(DataGenRuns.config(dir, 20, DataGenRuns.write(dir.resolve("two.jsonl"), base))
        .set("datagen.examples", 2).set("datagen.selection", "dispersion").build(),
        RunOptions.DEFAULT.withResponder(recording(prompts)));
    for (int b = 0; b < 4; b++) {
      List<String> examples = DataGenRuns.examples(prompts.get("batch/" + b));
      assertThat(topicsIn(examples, "orchard")).as("batch " + b).isEqualTo(1);
      assertThat(topicsIn(examples, "galaxy")).as("batch " + b).isEqualTo(1);
    }
  }

  @Test
  void random_showsKDistinctBaseItemsAndRecordsThemAsParents() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(DataGenRuns.config(dir, 10, DataGenRuns.clusteredBase(dir))
        .set("datagen.selection", "random").set("datagen.examples", 4).build(),
        RunOptions.DEFAULT.withResponder(recording(prompts)));
    List<String> examples = DataGenRuns.examples(prompts.get("batch/0"));
    assertThat(new HashSet<>(examples)).hasSize(4);
    JsonNode first = DataGenRuns.dataset(r.runDir()).get(0);
    assertThat(first.path("id").asText()).isEqualTo("dg-b0-i0");
    assertThat(first.path("meta").path("parents")).hasSize(4);
    // Parent ids come from the base items' own ids, and each names an example that was shown.
    for (JsonNode parent : first.path("meta").path("parents")) {
      int n = Integer.parseInt(parent.asText().replace("base-q", ""));
      assertThat(examples).anySatisfy(e -> assertThat(Json.parse(e).path("answer").asInt()).isEqualTo(n + 1));
    }
    assertThat(first.path("data").path("answer").isIntegralNumber()).isTrue();
  }

  @Test
  void attributes_steerEachBatchToOneValueRecordedAsCategory() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    List<String> values = List.of("fractions", "money", "geometry");
    RunResult r = Runs.run(DataGenRuns.config(dir, 30, DataGenRuns.clusteredBase(dir))
        .set("datagen.attributes", values).set("datagen.parallel_batches", 3).build(),
        RunOptions.DEFAULT.withResponder(recording(prompts)));
    for (int b = 0; b < 6; b++) {
      String prompt = prompts.get("batch/" + b);
      String mine = values.get(b % 3);
      assertThat(prompt).contains("Every new item must be about: " + mine + ".");
      values.stream().filter(v -> !v.equals(mine)).forEach(v -> assertThat(prompt).doesNotContain("about: " + v));
    }
    List<JsonNode> data = DataGenRuns.dataset(r.runDir());
    assertThat(data).hasSize(30).allSatisfy(n -> assertThat(n.path("meta").path("category").asText())
        .isEqualTo(values.get(n.path("meta").path("batch").asInt() % 3)));
    assertThat(Manifest.read(r.runDir()).summary().path("attributes")).hasSize(3);
  }

  @Test
  void extractedAttributes_comeFromOneCallOverTheBaseItems() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(DataGenRuns.config(dir, 10, DataGenRuns.clusteredBase(dir))
        .set("datagen.extract_attributes", true).set("datagen.attribute_count", 2).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          prompts.put(req.callKey(), req.lastUser());
          return req.callKey().equals("attributes/extract") ? SimResponse.json(Json.object().set("attributes",
              Json.tree(List.of("fruit farming", "sea ports", "fruit farming", "deep space")))) : null;
        }));
    assertThat(prompts.get("attributes/extract")).contains("orchard").contains("harbour").contains("2 distinct");
    assertThat(prompts.get("batch/0")).contains("about: fruit farming.");
    assertThat(prompts.get("batch/1")).contains("about: sea ports.");
    assertThat(Manifest.read(r.runDir()).summary().path("attributes").toString())
        .isEqualTo("[\"fruit farming\",\"sea ports\"]");
  }

  @Test
  void stages_evaluateNewItemsBeforeTheyAreAccepted() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(DataGenRuns.config(dir, 6, DataGenRuns.clusteredBase(dir))
        .set("datagen.stages", List.of(Map.of("reflection", Map.of("max_rounds", 1)))).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          prompts.put(req.callKey(), req.lastUser());
          if (req.callKey().endsWith("/judge")) {
            boolean good = !req.callKey().contains("-i1/");
            return SimResponse.json(Json.object().put("reflection", "checked").put("is_good", good));
          }
          return null;
        }));
    List<JsonNode> data = DataGenRuns.dataset(r.runDir());
    assertThat(data).hasSize(6).noneSatisfy(n -> assertThat(n.path("id").asText()).endsWith("-i1"));
    assertThat(data.get(0).path("meta").path("quality").path("reflection").path("good").asBoolean()).isTrue();
    assertThat(prompts).containsKey("reflection/dg-b0-i0/round/0/judge");
    JsonNode evaluation = Manifest.read(r.runDir()).summary().path("evaluation").path("reflection");
    assertThat(evaluation.path("dropped").asInt()).isPositive();
    assertThat(Manifest.read(r.runDir()).usage().byStage()).containsKeys("generate", "reflection");
  }

  @Test
  void generation_usesTheConfiguredSamplingAndBatchSize() {
    Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    RunResult r = Runs.run(DataGenRuns.config(dir, 4, DataGenRuns.clusteredBase(dir))
        .set("datagen.temperature", 1.1).set("datagen.top_p", 0.9).set("datagen.batch_size", 2).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          bodies.put(req.callKey(), req.body());
          return null;
        }));
    JsonNode body = bodies.get("batch/0");
    assertThat(body.path("temperature").asDouble()).isEqualTo(1.1);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.toString()).contains("\"minItems\":2");
    assertThat(r.accepted()).isEqualTo(4);
  }

  @Test
  void unlabelledBase_generatesSingleTextItems() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    Path base = DataGenRuns.write(dir.resolve("lines.txt"), "The tide was late today.\nStars fade at dawn.\n"
        + "Apples fell in the orchard.\n");
    RunResult r = Runs.run(DataGenRuns.config(dir, 3, base).set("datagen.selection", "random").build(),
        RunOptions.DEFAULT.withResponder(recording(prompts)));
    assertThat(prompts.get("batch/0")).contains("with the fields text.").doesNotContain("gold label")
        .doesNotContain("The dataset:");
    assertThat(DataGenRuns.dataset(r.runDir())).allSatisfy(n -> assertThat(n.path("data").path("text").isTextual())
        .isTrue());
  }

  @Test
  void invalidGeneration_isRejectedAsParse() {
    RunResult r = Runs.run(DataGenRuns.config(dir, 5, DataGenRuns.clusteredBase(dir))
        .set("models.default.max_repairs", 0).set("datagen.parallel_batches", 1).build(),
        RunOptions.DEFAULT.withResponder(req -> req.callKey().equals("batch/0")
            ? SimResponse.text("Sorry, I cannot help with that.") : null));
    assertThat(TestRuns.lines(r.runDir(), "rejected.jsonl")).anySatisfy(l -> assertThat(l)
        .contains("\"key\":\"batch/0\"").contains("\"step\":\"parse\""));
    assertThat(DataGenRuns.dataset(r.runDir()).get(0).path("id").asText()).isEqualTo("dg-b1-i0");
  }
}
