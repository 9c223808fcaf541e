package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Configs, scripted replies and run-file readers shared by the self-reference tests. */
final class SelfRefRuns {

  static final long SEED = 42;
  static final String SEED_QUESTION = "Do penguins live at the South Pole?";

  private SelfRefRuns() {}

  /** The yes/no formatting example used throughout. */
  static ObjectNode yesNo() {
    return yesNo(SEED_QUESTION, "False");
  }

  static ObjectNode yesNo(String question, String answer) {
    ObjectNode o = Json.object().put("question", question);
    o.putArray("options").add("True").add("False");
    return o.put("answer", answer);
  }

  static ObjectNode mcqa(String question, String answer, String... options) {
    ObjectNode o = Json.object().put("question", question);
    ArrayNode opts = o.putArray("choices");
    for (String s : options) {
      opts.add(s);
    }
    return o.put("answer", answer);
  }

  /** A simulated self-reference run with hashing embeddings, writing under {@code dir/runs}. */
  static ConfigBuilder config(Path dir, int target, String strategy) {
    return ConfigBuilder.create("t", "self-reference", Methods.names()).target(target).seed(SEED).simulated()
        .outputDir(dir.resolve("runs")).baseDir(dir).environment(Map.of())
        .set("self-reference.example", yesNo()).set("self-reference.label_space", "fixed")
        .set("self-reference.strategy", strategy).set("embeddings.provider", "hashing");
  }

  /** A reply holding these examples. */
  static SimResponse batch(JsonNode... items) {
    ArrayNode array = Json.array();
    for (JsonNode i : items) {
      array.add(i);
    }
    return SimResponse.json(Json.object().set("items", array));
  }

  /** N valid yes/no examples whose questions name the sample key, answers alternating. */
  static SimResponse fresh(SimRequest req, int n) {
    JsonNode[] items = new JsonNode[n];
    for (int i = 0; i < n; i++) {
      items[i] = yesNo("Is statement " + req.callKey() + " number " + i + " accurate?", i % 2 == 0 ? "True" : "False");
    }
    return batch(items);
  }

  /** The question of the formatting example a request shows (also for the gateway's repair follow-ups). */
  static String formattingQuestion(SimRequest req) {
    String user = req.allText();
    int start = user.indexOf("Formatting example:\n") + "Formatting example:\n".length();
    // The example is the prompt's last part (static-first); read its first JSON value, whatever follows it.
    try (var parser = Json.MAPPER.createParser(user.substring(start))) {
      JsonNode example = parser.readValueAsTree();
      return example.path("question").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<JsonNode> read(Path runDir, String file) {
    return TestRuns.lines(runDir, file).stream().map(Json::parse).toList();
  }

  static List<JsonNode> events(Path runDir, String type) {
    return read(runDir, "events.jsonl").stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }
}
