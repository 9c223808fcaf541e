package io.synthkit.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.StageContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stage-specific counts (verified, corrected, failed, ...) published under one key of the manifest summary, beside the
 * pipeline's generic in/kept/changed/dropped counts. A resumed run replays every record through its stages from the
 * response cache, so the counts are rebuilt rather than stored. Thread-safe.
 */
final class StageTally {

  private final String key;
  private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

  /**
   * Creates a tally.
   *
   * @param key the summary key, e.g. {@code math_check}
   * @param outcomes the outcome names, in the order the manifest shows them
   */
  StageTally(String key, List<String> outcomes) {
    this.key = key;
    outcomes.forEach(o -> counts.put(o, new AtomicLong()));
  }

  /**
   * Counts one outcome and republishes the summary.
   *
   * @param outcome one of the names given at construction
   * @param ctx the run
   */
  void add(String outcome, StageContext ctx) {
    AtomicLong c = counts.get(outcome);
    if (c == null) {
      throw new IllegalArgumentException("unknown outcome for " + key + ": " + outcome);
    }
    c.incrementAndGet();
    publish(ctx);
  }

  /**
   * Publishes the counts. Computing and publishing happen under one lock: records pass through a stage on many
   * threads, and a snapshot computed before another thread's but published after it would leave a stale count in the
   * manifest (the flaky constraint_check test of issue 18 was exactly that).
   */
  private synchronized void publish(StageContext ctx) {
    ctx.summary(key, snapshot());
  }

  /** @return the counts as a JSON object */
  ObjectNode snapshot() {
    ObjectNode out = Json.object();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
