package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.persona.PersonaFile;
import io.synthkit.persona.PersonaPool;
import io.synthkit.persona.PersonasConfig;
import io.synthkit.persona.ScoredPersona;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AIDE, attribute-guided multi-hop data expansion (Li, Zhu, Liu, Qi, ACL 2025):
 *
 * <pre>
 * frontier := the seeds (hop 0)
 * for hop k = 1 .. K, until the target:
 *   for each node x of the frontier, round-robin over seeds (several at once, consumed in order):
 *     (topic, triplets) := EXTRACT(x)                          -- ⟨topic, relation, attribute⟩
 *     personas := top-k personas by cosine(topic, persona)
 *     for each triplet t, operation o:  q := SYNTHESIZE(x, t, o, demos, seed if residual(k))
 *     for each persona p:               q := SYNTHESIZE(x, p, demos, seed if residual(k))
 *       q := REFLECT(q)   -- grade relevance to the seed (triplets) or diversity vs x (personas), 1-10;
 *                         --  accept if > threshold, else improve from feedback, up to a limit, else reject
 *       a := ANNOTATE(q)  -- in the task's answer format, checked for consistency
 *       accept (q, a); it joins the next frontier
 * </pre>
 *
 * Leaves (hop K) are never extracted, which saves the call the public code made there. docs/methods/aide.md lists the
 * parameters, the residual rule's two readings and the deviations from the paper and the code.
 */
public final class Aide implements Method<AideParams> {

  /** Reads each node's topic and triplets. */
  public static final String EXTRACTOR = "extractor";
  /** Writes, improves and shortens questions. */
  public static final String SYNTHESIZER = "synthesizer";
  /** Grades candidates and checks annotations. */
  public static final String GRADER = "grader";
  /** Writes answers. */
  public static final String ANNOTATOR = "annotator";

  @Override
  public String name() {
    return "aide";
  }

  @Override
  public String description() {
    return "AIDE: expand ~10 seeds hop by hop along knowledge triplets and retrieved personas, with self-reflection";
  }

  @Override
  public Class<AideParams> paramsType() {
    return AideParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(EXTRACTOR, SYNTHESIZER, GRADER, ANNOTATOR);
  }

  /**
   * Reads the seeds, the {@code personas:} section and the persona file before the run directory opens, so none of
   * them can fail a run.
   */
  @Override
  public void validate(AideParams p, ConfigView config) {
    SeedSet.readAll(config, p);
    personas(config, config.bind("personas", PersonasConfig.class));
  }

  @Override
  public void run(RunContext ctx, AideParams p) {
    ctx.declareTextField(p.questionField());
    SeedSet seeds = SeedSet.read(ctx, p);
    PersonasConfig personasConfig = ctx.config().bind("personas", PersonasConfig.class); // validated before the run
    PersonaPool personas = personaPool(ctx, personasConfig);
    Expander expander = new Expander(ctx, p, seeds, personas, personasConfig);
    int branching = p.branching(personas == null ? 0 : personasConfig.k());
    ctx.summary("branching", branching);
    ctx.summary("max_records", maxRecords(seeds.seeds().size(), branching, p.depth()));
    TreeStats stats = new TreeStats();
    List<Node> frontier = seeds.seeds().stream().map(Node::root).toList();
    for (int hop = 1; hop <= p.depth() && !frontier.isEmpty() && !ctx.done(); hop++) {
      frontier = expandHop(ctx, p, expander, stats, roundRobin(frontier), hop, branching);
    }
  }

  /** Expands every node of one hop, a batch at a time, and returns the next hop's nodes. */
  private static List<Node> expandHop(RunContext ctx, AideParams p, Expander expander, TreeStats stats,
      List<Node> frontier, int hop, int branching) {
    List<Node> next = new ArrayList<>();
    int consumed = 0;
    while (consumed < frontier.size() && !ctx.done()) {
      // Near the target, expand only as many nodes as the remaining records need: a node costs ~branching × 4 calls.
      int n = Math.min(Math.min(p.nodesPerBatch(), frontier.size() - consumed),
          Math.max(1, ceilDiv(ctx.remaining(), Math.max(1, branching))));
      List<Node> batch = frontier.subList(consumed, consumed + n);
      ctx.step("expanding", "hop " + hop + "/" + p.depth() + ", nodes " + (consumed + 1) + "-" + (consumed + n)
          + " of " + frontier.size(), n * Expander.callsPerNode(p, branching));
      int[] kept = {0};
      // Each node's children are offered as soon as it and the nodes before it are done, not at the batch's end.
      ctx.parallelInOrder(batch, expander::expand, e -> {
        next.addAll(keep(ctx, e, stats));
        kept[0]++;
        return !ctx.done();
      });
      consumed += kept[0];
      stats.publish(ctx);
    }
    // A hop cut by the target still reports what it added, per seed: that is where an unbalanced tree would show.
    // A cut hop has a key of its own: events are kept once per key, and a run resumed with a higher target must
    // still record the completed hop.
    if (consumed > 0) {
      boolean complete = consumed == frontier.size();
      ctx.event("hop/" + hop + (complete ? "" : "/cut"), "hop", stats.hop(hop).put("complete", complete));
    }
    return next;
  }

  /**
   * Orders a hop's nodes round-robin over their seeds (first child of every seed, then every second child, ...),
   * keeping each seed's own order. Children arrive grouped by seed; expanded in that order, a hop cut by the target
   * would grow the first seeds' subtrees only (all 91 hop-2 records of the MCQ example came from seed 0). Deterministic,
   * so a resumed run expands the same nodes.
   */
  static List<Node> roundRobin(List<Node> frontier) {
    Map<Integer, List<Node>> bySeed = new LinkedHashMap<>();
    frontier.forEach(n -> bySeed.computeIfAbsent(n.seed().index(), k -> new ArrayList<>()).add(n));
    List<Node> out = new ArrayList<>(frontier.size());
    for (int i = 0; out.size() < frontier.size(); i++) {
      for (List<Node> nodes : bySeed.values()) {
        if (i < nodes.size()) {
          out.add(nodes.get(i));
        }
      }
    }
    return out;
  }

  /** Records one node's drops and offers its children in branch order; returns those the dataset took. */
  private static List<Node> keep(RunContext ctx, Expansion e, TreeStats stats) {
    int hop = e.node().hop() + 1;
    if (e.failure() != null) {
      ctx.reject(e.failure());
      stats.rejected(hop, e.failure().step());
      return List.of();
    }
    ctx.event("node/" + e.node().path(), "node", nodeEvent(e));
    stats.expanded(hop, e.outcomes().size());
    List<DataRecord> offered = new ArrayList<>();
    for (Outcome o : e.outcomes()) {
      switch (o) {
        case Outcome.Dropped d -> {
          ctx.reject(d.rejection());
          stats.rejected(hop, d.rejection().step());
        }
        case Outcome.Grown g -> offered.add(g.record());
      }
    }
    Set<String> taken = new HashSet<>();
    ctx.acceptAll(offered).forEach(r -> taken.add(r.id()));
    List<Node> children = new ArrayList<>();
    for (Outcome o : e.outcomes()) {
      if (o instanceof Outcome.Grown g) {
        if (taken.contains(g.record().id())) {
          children.add(g.child());
          stats.added(hop, g.branch(), e.node().seed().id());
          ctx.event("edge/" + g.child().path(), "edge", edge(e.node(), g));
        } else {
          stats.notTaken(hop);
        }
      }
    }
    return children;
  }

  private static @Nullable PersonaPool personaPool(RunContext ctx, PersonasConfig config) {
    List<String> personas = personas(ctx.config(), config);
    if (personas == null) {
      return null;
    }
    ctx.step("embedding personas", "", 0);
    return PersonaPool.of(personas, ctx.embedder());
  }

  /** Reads the persona file, or returns null when persona paths are off ({@code personas.k: 0}). */
  private static @Nullable List<String> personas(ConfigView config, PersonasConfig personas) {
    if (personas.k() == 0) {
      return null;
    }
    if (personas.file() == null) {
      throw SynthkitException.input(config.at("personas.file") + "is required for aide's persona paths: a JSONL"
          + " file of {\"persona\": \"...\"} lines (build one from your seeds with `synthkit personas generate --from"
          + " SEEDS.jsonl --out personas.jsonl`), or set personas.k: 0 to grow attribute paths only");
    }
    Path file = config.resolve(personas.file());
    if (!Files.isRegularFile(file)) {
      throw SynthkitException.input(config.at("personas.file") + "file not found: " + file);
    }
    return PersonaFile.read(file);
  }

  private static ObjectNode nodeEvent(Expansion e) {
    ObjectNode data = Json.object().put("node", e.node().recordId()).put("hop", e.node().hop())
        .put("topic", e.topic());
    ArrayNode triplets = data.putArray("triplets");
    e.triplets().forEach(t -> triplets.add(t.json()));
    ArrayNode personas = data.putArray("personas");
    for (ScoredPersona sp : e.personas()) {
      personas.add(Json.object().put("persona", sp.persona())
          .put("similarity", Math.round(sp.score() * 10_000) / 10_000.0));
    }
    return data;
  }

  private static ObjectNode edge(Node parent, Outcome.Grown g) {
    ObjectNode data = Json.object().put("parent", parent.recordId()).put("child", g.record().id())
        .put("hop", g.child().hop()).put("path", g.branch().kind());
    switch (g.branch()) {
      case Branch.Attribute a -> data.put("operation", a.operation().wire()).put("attribute", a.triplet().attribute());
      case Branch.Persona persona -> data.put("persona", persona.persona().persona());
    }
    return data.put("residual", g.record().meta().path("residual").asBoolean());
  }

  /**
   * Returns the tree's size before any rejection: seeds × (b + b² + ... + b^K).
   *
   * @return the count, or {@link Long#MAX_VALUE} when it does not fit a long
   */
  static long maxRecords(int seeds, int branching, int depth) {
    try {
      long total = 0;
      long level = 1;
      for (int h = 1; h <= depth; h++) {
        level = Math.multiplyExact(level, branching);
        total = Math.addExact(total, level);
      }
      return Math.multiplyExact(total, seeds);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
