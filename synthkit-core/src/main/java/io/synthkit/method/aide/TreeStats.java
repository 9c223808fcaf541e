package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunContext;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts of the growing tree for the manifest summary and the per-hop events: per hop, nodes expanded, candidates
 * (branches tried), children added (in all and per seed) and drops by step; per operation (and {@code persona}), children added. Confined to
 * the method's consuming thread.
 */
final class TreeStats {

  private final Map<Integer, ObjectNode> hops = new TreeMap<>();
  private final Map<String, Integer> operations = new TreeMap<>();
  private final Map<String, Integer> rejections = new TreeMap<>();

  /** Counts a node expanded at a hop with its number of branches. */
  void expanded(int hop, int branches) {
    add(hop, "nodes", 1);
    add(hop, "candidates", branches);
  }

  /** Counts a child that joined the dataset, under its tree's seed. */
  void added(int hop, Branch branch, String seedId) {
    add(hop, "added", 1);
    ObjectNode perSeed = (ObjectNode) hops.computeIfAbsent(hop, TreeStats::empty).get("per_seed");
    perSeed.put(seedId, perSeed.path(seedId).asInt() + 1);
    operations.merge(branch instanceof Branch.Persona ? "persona"
        : Objects.requireNonNull(branch.operation(), "an attribute path has an operation").wire(), 1, Integer::sum);
  }

  /** Counts a drop by the step that made it. */
  void rejected(int hop, String step) {
    add(hop, "rejected", 1);
    rejections.merge(step, 1, Integer::sum);
  }

  /** Counts a child the dataset did not take (a quality stage dropped it, or the target was reached). */
  void notTaken(int hop) {
    add(hop, "not_taken", 1);
  }

  /** @return the counts of one hop */
  ObjectNode hop(int hop) {
    return hops.computeIfAbsent(hop, TreeStats::empty).deepCopy();
  }

  /** Writes the counts to the manifest summary. */
  void publish(RunContext ctx) {
    ObjectNode perHop = Json.object();
    hops.forEach((h, counts) -> perHop.set(Integer.toString(h), counts.deepCopy()));
    ctx.summary("per_hop", perHop);
    ctx.summary("per_operation", Json.tree(operations));
    ctx.summary("rejected_by_step", Json.tree(rejections));
  }

  private void add(int hop, String field, int n) {
    ObjectNode counts = hops.computeIfAbsent(hop, TreeStats::empty);
    counts.put(field, counts.path(field).asInt() + n);
  }

  private static ObjectNode empty(int hop) {
    return Json.object().put("hop", hop).put("nodes", 0).put("candidates", 0).put("added", 0).put("rejected", 0)
        .put("not_taken", 0).set("per_seed", Json.object());
  }
}
