package io.synthkit.method.selfref;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Sampling;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Self-reference data creation from one formatting example (Lee et al., "Making Large Language Models Better Data
 * Creators", EMNLP 2023):
 *
 * <pre>
 * f := the user's formatting example (x_f, y_f) with its label space
 * repeat until target:
 *   ask for N new examples with f's JSON structure and new content
 *   keep those with f's keys and types, options allowed by the label space, an answer among the options,
 *     and a question that is new; retry with a new sample key when none is kept (capped), then fall back to the seed
 *   pick the next f from the kept examples: naive (the seed), random, contrastive (least similar question),
 *     similar (most similar question)
 * tree: f ranges over a whole level; every kept example of level d is a formatting example of level d+1
 * </pre>
 *
 * <p>The calls of a tree level run concurrently and are consumed in a seeded shuffle of the level. Differences from the
 * paper and the public code are listed in {@code docs/methods/self-reference.md}.
 */
public final class SelfReference implements Method<SelfReferenceParams> {

  /** The role that writes new examples. */
  public static final String GENERATOR = "generator";

  @Override
  public String name() {
    return "self-reference";
  }

  @Override
  public String description() {
    return "Self-reference data creation: one formatting example, N new examples per call, the next formatting example"
        + " picked from the new ones (naive, random, contrastive, similar, tree)";
  }

  @Override
  public Class<SelfReferenceParams> paramsType() {
    return SelfReferenceParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(GENERATOR);
  }

  /** Checks the label space and every formatting example before the run directory opens. */
  @Override
  public void validate(SelfReferenceParams p, ConfigView config) {
    FormattingExamples.read(config, p);
  }

  @Override
  public void run(RunContext ctx, SelfReferenceParams p) {
    ExampleShape shape = shape(ctx, p);
    ctx.declareTextField(shape.question());
    LabelBalance balance = new LabelBalance(shape, p.balanceLabels(), p.balanceMaxGap());
    Llm generator = ctx.llm(GENERATOR).stage("generate")
        .with(new Sampling(p.temperature(), p.topP(), p.maxTokens(), null, null));
    Batches batches = new Batches(ctx, p, shape, balance, generator);
    Node seed = new Node(Node.SEED, shape.ordered(shape.seed()), 0);
    ctx.summary("strategy", p.strategy());
    ctx.summary("label_space", shape.labelSpace().wire());
    ctx.summary("labels", balance.summary());
    String stopped = p.strategyValue() == Strategy.TREE ? tree(ctx, p, batches, seed) : chain(ctx, p, batches, seed,
        shape);
    if (stopped != null) {
      ctx.summary("stopped", stopped);
    }
  }

  /** Depth-first strategies: one call per step, the next formatting example picked from the step's accepted ones. */
  private @Nullable String chain(RunContext ctx, SelfReferenceParams p, Batches batches, Node seed,
      ExampleShape shape) {
    Strategy strategy = p.strategyValue();
    Node current = seed;
    int fallbacks = 0;
    for (int step = 0; !ctx.done(); step++) {
      ctx.step("formatting", "step " + step + ", " + strategy.wire() + ", example " + current.id(), 0);
      Batches.Slot slot = new Batches.Slot(current, "step/" + step, "sr-s" + step,
          Json.object().put("iteration", step));
      List<Node> accepted = batches.run(List.of(slot)).get(0);
      if (ctx.done()) {
        return null;
      }
      if (accepted.isEmpty()) {
        fallbacks++;
        ctx.event("fallback/" + step, "fallback", Json.object().put("iteration", step).put("from", current.id())
            .put("in_a_row", fallbacks));
        if (fallbacks >= p.maxFallbacks()) {
          return "no valid example after " + fallbacks + " fallbacks to the seed in a row";
        }
        current = seed;
        continue;
      }
      fallbacks = 0;
      Chooser.Choice c = Chooser.choose(strategy, seed, current, accepted, ctx.rng("step/" + step + "/choice"),
          ctx::embedder, shape);
      ObjectNode event = Json.object().put("iteration", step).put("strategy", strategy.wire())
          .put("previous", current.id()).put("chosen", c.node().id());
      ArrayNode candidates = event.putArray("candidates");
      accepted.forEach(n -> candidates.add(n.id()));
      ArrayNode scores = event.putArray("cosine");
      c.scores().forEach(s -> scores.add(Math.round(s * 10000) / 10000.0));
      ctx.event("choice/" + step, "choice", event);
      current = c.node();
    }
    return null;
  }

  /**
   * Breadth-first: each level is processed in a seeded shuffle, {@code level_batch} calls at a time; a level that
   * accepts nothing is re-run with new keys (as the public code did, but capped), then the walk restarts from the seed.
   */
  private @Nullable String tree(RunContext ctx, SelfReferenceParams p, Batches batches, Node seed) {
    List<Node> level = List.of(seed);
    ArrayNode hops = Json.array();
    int rerun = 0;
    int fallbacks = 0;
    for (int hop = 0; !ctx.done(); ) {
      String label = "hop/" + hop + "/r" + rerun;
      List<Node> order = Rng.shuffled(level, ctx.rng(label + "/order"));
      List<Node> next = level(ctx, p, batches, order, hop, rerun);
      ObjectNode event = Json.object().put("hop", hop).put("rerun", rerun).put("formatting_examples", order.size())
          .put("accepted", next.size());
      ArrayNode ids = event.putArray("order");
      order.forEach(n -> ids.add(n.id()));
      ctx.event(label, "hop", event);
      hops.add(event.deepCopy().without("order"));
      ctx.summary("hops", hops);
      if (ctx.done()) {
        return null;
      }
      if (!next.isEmpty()) {
        level = next;
        hop++;
        rerun = 0;
        fallbacks = 0;
      } else if (rerun < p.maxLevelReruns()) {
        rerun++;
      } else {
        fallbacks++;
        ctx.event("fallback/" + hop, "fallback", Json.object().put("hop", hop).put("in_a_row", fallbacks));
        if (fallbacks >= p.maxFallbacks()) {
          return "no valid example after " + fallbacks + " fallbacks to the seed in a row";
        }
        level = List.of(seed);
        hop++;
        rerun = 0;
      }
    }
    return null;
  }

  /** Calls one level in order, {@code level_batch} formatting examples at a time; returns the accepted examples. */
  private static List<Node> level(RunContext ctx, SelfReferenceParams p, Batches batches, List<Node> order, int hop,
      int rerun) {
    List<Node> next = new ArrayList<>();
    for (int from = 0; from < order.size() && !ctx.done(); from += p.levelBatch()) {
      int to = Math.min(from + p.levelBatch(), order.size());
      ctx.step("formatting", "hop " + hop + ", examples " + from + "-" + to + " of " + order.size(), 0);
      List<Batches.Slot> slots = new ArrayList<>();
      for (int i = from; i < to; i++) {
        slots.add(new Batches.Slot(order.get(i), "hop/" + hop + "/r" + rerun + "/node/" + i,
            "sr-h" + hop + ".r" + rerun + ".n" + i, Json.object().put("hop", hop)));
      }
      batches.run(slots).forEach(next::addAll);
    }
    return next;
  }

  /**
   * Picks the formatting example: the only one, or, from a file of several, a seeded choice recorded as an event (the
   * public code drew its formatting example at random from a human train set).
   */
  private static ExampleShape shape(RunContext ctx, SelfReferenceParams p) {
    FormattingExamples examples = FormattingExamples.read(ctx.config(), p);
    int n = examples.shapes().size();
    int pick = n == 1 ? 0 : ctx.rng("formatting-example").nextInt(n);
    if (n > 1) {
      ctx.event("formatting-example", "seed", Json.object().put("file", examples.file()).put("items", n)
          .put("picked", pick + 1));
    }
    return examples.shapes().get(pick);
  }
}
