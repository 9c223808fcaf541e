package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A scripted AIDE model for tests: answers every call kind from its sample key ({@code node/<path>/<kind>[/<n>]})
 * with distinct, well-formed replies, unless a test overrides a key; records every prompt and how often each key was
 * requested.
 */
final class AideScript implements Responder {

  final Map<String, String> prompts = new ConcurrentHashMap<>();
  final Map<String, Integer> counts = new ConcurrentHashMap<>();
  final Map<String, Function<SimRequest, SimResponse>> overrides = new ConcurrentHashMap<>();
  final Map<String, String> topics = new ConcurrentHashMap<>();
  volatile int delayMs;

  @Override
  public SimResponse respond(SimRequest req) {
    String key = req.callKey();
    prompts.put(key, req.allText());
    counts.merge(key, 1, Integer::sum);
    Function<SimRequest, SimResponse> fixed = overrides.get(key);
    SimResponse r = fixed != null ? fixed.apply(req) : standard(key, req.schema());
    return delayMs > 0 ? r.delayed(delayMs) : r;
  }

  /** Scripts one key. */
  AideScript on(String key, SimResponse response) {
    overrides.put(key, req -> response);
    return this;
  }

  /** Keys requested, of one kind ({@code extract}, {@code synth}, {@code grade}, ...). */
  List<String> keys(String kind) {
    return counts.keySet().stream().filter(k -> kind(k).equals(kind)).sorted().collect(Collectors.toList());
  }

  static String kind(String key) {
    String[] parts = key.split("/");
    return parts.length >= 3 ? parts[2] : "";
  }

  static String path(String key) {
    return key.split("/")[1];
  }

  private SimResponse standard(String key, JsonNode schema) {
    String path = path(key);
    return switch (kind(key)) {
      case "extract" -> SimResponse.json(extraction(path, schema));
      case "synth" -> draft("Question grown at " + path + " about " + path.replace('.', ' ') + "?");
      case "improve" -> draft("Improved question at " + path + " round " + key.substring(key.lastIndexOf('/') + 1));
      case "shorten" -> draft("Short " + path);
      case "grade" -> grade(8, "fine");
      case "annotate" -> SimResponse.json(annotation(path, schema));
      case "check" -> check(true);
      default -> throw new IllegalStateException("unexpected key " + key);
    };
  }

  private ObjectNode extraction(String path, JsonNode schema) {
    ObjectNode out = Json.object().put("topic", topics.getOrDefault(path, "topic of " + path));
    for (String list : List.of("attributes", "extra")) {
      JsonNode prop = schema.path("properties").path(list);
      if (!prop.isMissingNode()) {
        ArrayNode a = out.putArray(list);
        for (int i = 0; i < prop.path("minItems").asInt(); i++) {
          a.add(Json.object().put("relation", "involves").put("attribute", list + " " + i + " of " + path));
        }
      }
    }
    return out;
  }

  private static ObjectNode annotation(String path, JsonNode schema) {
    JsonNode props = schema.path("properties");
    if (props.has("incorrect")) {
      return Json.object().put("reasoning", "worked").put("correct", "right " + path).set("incorrect",
          Json.array().add("wrong one " + path).add("wrong two " + path).add("wrong three " + path));
    }
    if (props.path("answer").has("enum")) {
      return Json.object().put("reasoning", "worked").put("answer", "yes");
    }
    return Json.object().put("answer", "Answer for " + path);
  }

  static SimResponse draft(String question) {
    return SimResponse.json(Json.object().put("question", question));
  }

  static SimResponse grade(int score, String feedback) {
    return SimResponse.json(Json.object().put("feedback", feedback).put("score", score));
  }

  static SimResponse check(boolean consistent) {
    return SimResponse.json(Json.object().put("reasoning", "checked").put("consistent", consistent));
  }

  /** Writes seeds with the given questions as multiple-choice items and returns the file. */
  static Path seeds(Path dir, String... questions) {
    StringBuilder sb = new StringBuilder();
    for (String q : questions) {
      sb.append(Json.write(Json.object().put("question", q).set("choices", Json.array().add("a").add("b").add("c")
          .add("d")))).append('\n');
    }
    return write(dir.resolve("seeds.jsonl"), sb.toString());
  }

  /** Writes a persona file and returns it. */
  static Path personas(Path dir, String... personas) {
    StringBuilder sb = new StringBuilder();
    for (String p : personas) {
      sb.append(Json.write(Json.object().put("persona", p))).append('\n');
    }
    return write(dir.resolve("personas.jsonl"), sb.toString());
  }

  /** A simulated aide config writing under {@code dir/runs}, with hashing embeddings. */
  static ConfigBuilder config(Path dir, int target, Path seeds, Path personas) {
    return ConfigBuilder.create("t", "aide", Methods.names()).target(target).simulated()
        .outputDir(dir.resolve("runs")).seeds(seeds).baseDir(dir).environment(Map.of())
        .set("embeddings.provider", "hashing").set("personas.file", personas.toString());
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
