package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Wall time per method step (by the step's name, so every round's "generating" adds up) and per slow one-off activity
 * (starting the sandbox, loading a model), summed over the run's sessions: the manifest's {@code timings.steps} and
 * {@code timings.one_off}, the report's "Time per step". Thread-safe.
 */
final class StepClock {

  private final Map<String, Double> steps = new LinkedHashMap<>();
  private final Map<String, Double> oneOff = new LinkedHashMap<>();
  private @Nullable String current;
  private long since;

  /** A clock starting from the times an earlier session saved with {@link #json()} (or from nothing). */
  StepClock(@Nullable String saved) {
    if (saved != null && !saved.isBlank()) {
      JsonNode n = Json.parse(saved);
      n.path("steps").properties().forEach(e -> steps.put(e.getKey(), e.getValue().asDouble()));
      n.path("one_off").properties().forEach(e -> oneOff.put(e.getKey(), e.getValue().asDouble()));
    }
  }

  /** The run is now in step {@code name} (the same name again changes nothing). */
  synchronized void enter(String name, long nanos) {
    if (name.equals(current)) {
      return;
    }
    stop(nanos);
    current = name;
    since = nanos;
  }

  /** No step runs from now on (the method returned). */
  synchronized void stop(long nanos) {
    if (current != null) {
      steps.merge(current, (nanos - since) / 1e9, Double::sum);
      current = null;
    }
  }

  synchronized void oneOff(String label, double seconds) {
    oneOff.merge(label, seconds, Double::sum);
  }

  /** Seconds per step so far, the running step included, rounded to milliseconds, in the order steps first ran. */
  synchronized Map<String, Double> steps(long nanos) {
    Map<String, Double> out = new LinkedHashMap<>();
    steps.forEach((k, v) -> out.put(k, v));
    if (current != null) {
      out.merge(current, (nanos - since) / 1e9, Double::sum);
    }
    out.replaceAll((k, v) -> Math.round(v * 1000) / 1000.0);
    return out;
  }

  synchronized Map<String, Double> oneOff() {
    Map<String, Double> out = new LinkedHashMap<>(oneOff);
    out.replaceAll((k, v) -> Math.round(v * 1000) / 1000.0);
    return out;
  }

  /** What the next session starts from (stored in the run's state). */
  String json(long nanos) {
    ObjectNode n = Json.object();
    n.set("steps", Json.tree(steps(nanos)));
    n.set("one_off", Json.tree(oneOff()));
    return Json.write(n);
  }
}
