package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a config that decides what a run produces. A run directory remembers it; resuming with a config whose
 * fingerprint differs would mix two datasets, so the runner refuses and names the changed keys. Target, budget,
 * report settings, paths, keys and throughput settings (concurrency, rate limits, timeouts, retries, prices, simulator
 * latency) are left out: changing them is how a user extends or speeds up a run.
 */
final class ConfigFingerprint {

  private static final Set<String> TOP_VOLATILE = Set.of("target", "budget", "output_dir", "name", "report");
  private static final Set<String> MODEL_VOLATILE = Set.of("api_key", "base_url", "max_concurrency",
      "requests_per_minute", "tokens_per_minute", "timeout_seconds", "max_retries", "price", "headers",
      "adaptive_concurrency");

  private ConfigFingerprint() {}

  static ObjectNode of(ObjectNode redacted) {
    ObjectNode t = redacted.deepCopy();
    TOP_VOLATILE.forEach(t::remove);
    JsonNode models = t.path("models");
    if (models.isObject()) {
      models.fields().forEachRemaining(e -> {
        if (e.getValue() instanceof ObjectNode m) {
          MODEL_VOLATILE.forEach(m::remove);
          if (m.get("simulator") instanceof ObjectNode sim) {
            JsonNode seed = sim.get("seed");
            m.remove("simulator");
            if (seed != null) {
              m.putObject("simulator").set("seed", seed);
            }
          }
        }
      });
    }
    return t;
  }

  /** Lists the dotted keys whose values differ between two fingerprints. */
  static List<String> diff(JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    diff(a, b, "", out);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(a.get(k), b.get(k), path.isEmpty() ? k : path + "." + k, out);
      }
    } else if (a == null || b == null || !a.equals(b)) {
      out.add(path.isEmpty() ? "(root)" : path);
    }
  }

  static String canonical(ObjectNode fingerprint) {
    return Json.write(sorted(fingerprint));
  }

  private static JsonNode sorted(JsonNode n) {
    if (!n.isObject()) {
      return n;
    }
    ObjectNode out = Json.object();
    TreeSet<String> keys = new TreeSet<>();
    n.fieldNames().forEachRemaining(keys::add);
    for (String k : keys) {
      out.set(k, sorted(n.get(k)));
    }
    return out;
  }
}
