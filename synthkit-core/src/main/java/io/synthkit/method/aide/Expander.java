package io.synthkit.method.aide;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.persona.PersonaPool;
import io.synthkit.persona.PersonasConfig;
import io.synthkit.persona.ScoredPersona;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Expands one node by one hop: extract its topic and triplets, retrieve the personas closest to its topic, and grow
 * one child per triplet × operation and per persona, each through synthesis, self-reflection and annotation. The
 * branches of a node run concurrently; their outcomes come back in branch order. Thread-safe: the method expands
 * several nodes at once.
 */
final class Expander {

  private final RunContext ctx;
  private final AideParams p;
  private final SeedSet seeds;
  private final @Nullable PersonaPool personas;
  private final PersonasConfig personasConfig;
  private final Extractor extractor;
  private final Synthesizer synthesizer;
  private final Reflection reflection;
  private final Annotator annotator;

  Expander(RunContext ctx, AideParams p, SeedSet seeds, @Nullable PersonaPool personas,
      PersonasConfig personasConfig) {
    this.ctx = ctx;
    this.p = p;
    this.seeds = seeds;
    this.personas = personas;
    this.personasConfig = personasConfig;
    AidePrompts prompts = new AidePrompts(ctx.prompts(), ctx.config().data(), p);
    this.extractor = new Extractor(ctx.llm(Aide.EXTRACTOR).stage("extract"), prompts, p);
    this.synthesizer = new Synthesizer(ctx.llm(Aide.SYNTHESIZER).stage("synthesize"), prompts);
    this.reflection = new Reflection(ctx.llm(Aide.GRADER).stage("reflect"),
        ctx.llm(Aide.SYNTHESIZER).stage("improve"), prompts, p);
    this.annotator = new Annotator(ctx.llm(Aide.ANNOTATOR).stage("annotate"), ctx.llm(Aide.GRADER).stage("check"),
        prompts, p);
  }

  /**
   * Returns the calls a node's expansion makes when every reply is usable at the first try: one extraction, then per
   * branch a synthesis, a grade (with reflection on) and an annotation with its check. Improvements, shortenings and
   * re-annotations come on top; the progress display only needs the order of magnitude.
   *
   * @param p the parameters
   * @param branching branches per node
   * @return the calls
   */
  static int callsPerNode(AideParams p, int branching) {
    return 1 + branching * (p.reflection() ? 4 : 3);
  }

  /**
   * Expands a node.
   *
   * @param node a seed or an accepted item
   * @return its children and drops, in branch order
   */
  Expansion expand(Node node) {
    String key = "node/" + node.path();
    ObjectNode meta = Json.object().put("seed_id", node.seed().id()).put("hop", node.hop());
    meta.putArray("parents").add(node.recordId());
    ObjectNode item = Json.object().put(p.questionField(), node.question());
    Reply<Replies.Extracted> reply;
    try {
      reply = extractor.extract(node, key + "/extract");
    } catch (ItemFailedException e) {
      return Expansion.failed(node, Attempt.rejection(e, key + "/extract", item, meta));
    }
    if (reply instanceof Reply.Invalid<Replies.Extracted> bad) {
      return Expansion.failed(node, new Rejection(key + "/extract", "parse", "extract: " + bad.reason(), item,
          bad.raw(), meta));
    }
    Replies.Extracted extracted = ((Reply.Ok<Replies.Extracted>) reply).value();
    String topic = extracted.topic() == null ? "" : extracted.topic().strip();
    List<Triplet> triplets = Extractor.triplets(extracted);
    // The paper retrieves by the node's topic; a blank topic falls back to the node itself rather than to nothing.
    List<ScoredPersona> retrieved = personas == null ? List.of()
        : personas.topK(topic.isEmpty() ? node.question() : topic, personasConfig.k(), personasConfig.minScore());
    String demonstrations = seeds.demonstrations(node.seed(), p.demonstrations(), ctx.rng(key + "/demonstrations"));
    List<Outcome> outcomes = ctx.parallel(branches(triplets, retrieved),
        b -> growOrDrop(node, topic, b, demonstrations));
    return new Expansion(node, topic, triplets, retrieved, null, outcomes);
  }

  private List<Branch> branches(List<Triplet> triplets, List<ScoredPersona> retrieved) {
    List<Branch> out = new ArrayList<>();
    for (int t = 0; t < triplets.size(); t++) {
      for (int o = 0; o < p.operations().size(); o++) {
        out.add(new Branch.Attribute(triplets.get(t), t, p.operations().get(o), o));
      }
    }
    for (int i = 0; i < retrieved.size(); i++) {
      out.add(new Branch.Persona(retrieved.get(i), i, p.personaOp()));
    }
    return out;
  }

  /**
   * Grows one child; a call that cannot succeed (a prompt over the context window, retries exhausted) drops this child
   * alone.
   */
  private Outcome growOrDrop(Node parent, String topic, Branch branch, String demonstrations) {
    try {
      return grow(parent, topic, branch, demonstrations);
    } catch (ItemFailedException e) {
      int hop = parent.hop() + 1;
      return new Outcome.Dropped(branch, Attempt.rejection(e, "node/" + parent.path() + "." + branch.segment(), null,
          meta(parent, hop, topic, branch, residual(hop, branch))));
    }
  }

  private boolean residual(int hop, Branch branch) {
    return p.residualRule().applies(hop, p.residualDepth(),
        branch instanceof Branch.Attribute ? branch.operation() : null);
  }

  /** Synthesis, self-reflection and annotation of one child. */
  private Outcome grow(Node parent, String topic, Branch branch, String demonstrations) {
    int hop = parent.hop() + 1;
    String path = parent.path() + "." + branch.segment();
    String key = "node/" + path;
    boolean relevance = branch instanceof Branch.Attribute;
    boolean residual = residual(hop, branch);
    ObjectNode meta = meta(parent, hop, topic, branch, residual);
    Reply<Replies.Draft> draft = synthesizer.synthesize(parent, topic, branch, demonstrations, residual,
        key + "/synth");
    if (draft instanceof Reply.Invalid<Replies.Draft> bad) {
      return new Outcome.Dropped(branch, new Rejection(key, "parse", "synthesize: " + bad.reason(), null, bad.raw(),
          meta));
    }
    String question = ((Reply.Ok<Replies.Draft>) draft).value().question().strip();
    // Relevance is judged against the seed, diversity against the parent (methods.md §5.4, the two graders).
    Verdict verdict = reflection.reflect(key, relevance, question,
        relevance ? parent.seed().question() : parent.question());
    if (verdict instanceof Verdict.Failed f) {
      meta.set("grades", Json.tree(f.grades()));
      return new Outcome.Dropped(branch, new Rejection(key, f.step(), f.reason(),
          Json.object().put(p.questionField(), f.question()), f.raw(), meta));
    }
    Verdict.Passed passed = (Verdict.Passed) verdict;
    meta.set("grades", Json.tree(passed.grades()));
    if (p.reflection()) {
      meta.put("reflection", relevance ? "relevance" : "diversity");
    }
    if (!passed.accepted()) {
      meta.put("reflection_accepted", false);
    }
    Annotator.Result annotation = annotator.annotate(key, passed.question(), demonstrations,
        ctx.rng(key + "/choices"));
    if (annotation instanceof Annotator.Failed f) {
      return new Outcome.Dropped(branch, new Rejection(key, "annotation", f.reason(),
          Json.object().put(p.questionField(), passed.question()), f.raw(), meta));
    }
    Annotator.Done done = (Annotator.Done) annotation;
    meta.put("annotations", done.attempts());
    ObjectNode data = Json.object().put(p.questionField(), passed.question());
    data.setAll(done.fields());
    Node child = new Node(path, hop, parent.seed(), passed.question());
    return new Outcome.Grown(branch, child, new DataRecord(child.recordId(), data, meta));
  }

  private static ObjectNode meta(Node parent, int hop, String topic, Branch branch, boolean residual) {
    ObjectNode meta = Json.object().put("seed_id", parent.seed().id()).put("hop", hop);
    meta.putArray("parents").add(parent.recordId());
    meta.put("category", topic).put("path", branch.kind());
    switch (branch) {
      case Branch.Attribute a -> {
        meta.set("triplet", a.triplet().json());
        meta.put("operation", a.operation().wire());
      }
      case Branch.Persona persona -> {
        meta.put("persona", persona.persona().persona());
        meta.put("persona_similarity", Math.round(persona.persona().score() * 10_000) / 10_000.0);
        if (persona.operation() != null) {
          meta.put("persona_operation", persona.operation().wire());
        }
      }
    }
    return meta.put("residual", residual);
  }
}
