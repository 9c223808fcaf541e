package io.synthkit.method.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.quality.QualityPipeline;
import io.synthkit.quality.QualityStages;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Method;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * DataGen (Huang et al., "DataGen: Unified Synthetic Dataset via Large Language Models"):
 *
 * <pre>
 * input: base dataset D, description, constraints C
 * [attribute-guided] A := user attribute values, or values the model extracts from D
 * repeat until target:
 *   for each of P batches b (concurrently):
 *     examples := few-shot selection from D (random | k-means one per cluster | dispersion)
 *     ask for batch_size new items like the examples, following description and C, about attribute A[b mod |A|]
 *   internal evaluation of every new item: the configured stages, default self-reflection
 *     (reflection → rewrite, up to 5 rounds), optionally code-based math check and retrieval fact check
 *   accept the survivors; post-processing (group check, difficulty, constraint check) runs as quality: stages
 * </pre>
 *
 * <p>The internal evaluation is {@code datagen.stages}, a list in the {@code quality:} syntax built by the same
 * factories, run on each round's new items before they reach the dataset; the run's {@code quality:} list then runs
 * on them as for any method. Records carry {@code meta.category} (the batch's attribute), {@code meta.parents} (the
 * examples shown) and each stage's findings under {@code meta.quality}.
 */
public final class DataGen implements Method<DataGenParams> {

  /** The role that writes items (and extracts attributes). */
  public static final String GENERATOR = "generator";
  /** The method name and config section. */
  public static final String NAME = "datagen";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DataGen: few-shot (k-means) and attribute-guided generation from a base dataset, with reflection, code"
        + " math checks and retrieval fact checks";
  }

  @Override
  public Class<DataGenParams> paramsType() {
    return DataGenParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(GENERATOR, QualityStages.DEFAULT_ROLE);
  }

  /**
   * Reads the base data and builds the internal stages once before the run directory opens, so a missing base file or
   * a bad stage parameter never touches a run.
   */
  @Override
  public void validate(DataGenParams p, ConfigView config) {
    BaseData.load(config, p);
    QualityStages.fromList(Json.tree(p.stages()), NAME + ".stages", config);
  }

  @Override
  public void run(RunContext ctx, DataGenParams p) {
    BaseData base = BaseData.load(ctx.config(), p);
    ctx.declareTextField(base.textField());
    QualityPipeline evaluation = QualityStages.fromList(Json.tree(p.stages()), NAME + ".stages", ctx.config());
    FewShot fewShot = FewShot.create(ctx, p, base);
    Attributes attributes = Attributes.resolve(ctx, p, base);
    ctx.summary("selection", fewShot.strategy());
    ctx.summary("attributes", attributes.values());
    Schema schema = ItemSchema.batch("datagen_items", base.itemSchema(), p.batchSize());
    Llm generator = ctx.llm(GENERATOR).stage("generate")
        .with(new Sampling(p.temperature(), p.topP(), p.maxTokens(), null, null));
    int idle = 0;
    for (int round = 0; !ctx.done(); round++) {
      ctx.step("generating", "round " + round + ", " + p.parallelBatches() + " batches", p.parallelBatches());
      List<Batch> batches = plan(ctx, p, base, fewShot, attributes, round);
      List<Attempt<Reply<JsonNode>>> replies = ctx.parallel(batches,
          b -> Attempt.of(() -> generator.tryAsk(b.prompt(), schema, b.key())));
      ctx.step("evaluating", "round " + round, 0);
      int added = accept(ctx, evaluation, candidates(ctx, batches, replies));
      if (!evaluation.isEmpty()) {
        ctx.summary("evaluation", evaluation.summary());
      }
      ctx.event("round/" + round, "round", Json.object().put("round", round).put("accepted", added));
      idle = added == 0 ? idle + 1 : 0;
      if (idle >= p.maxIdleRounds()) {
        ctx.summary("stopped", "no new item survived evaluation for " + idle + " rounds");
        return;
      }
    }
  }

  /**
   * One generation call.
   *
   * @param number the batch number across the run
   * @param key its sample key
   * @param prompt the prompt
   * @param exampleIds the base items shown
   * @param attribute the attribute value it is steered to, or {@code null}
   */
  private record Batch(int number, String key, Prompt prompt, List<String> exampleIds, @Nullable String attribute) {}

  private List<Batch> plan(RunContext ctx, DataGenParams p, BaseData base, FewShot fewShot, Attributes attributes,
      int round) {
    List<Batch> out = new ArrayList<>(p.parallelBatches());
    for (int j = 0; j < p.parallelBatches(); j++) {
      int b = round * p.parallelBatches() + j;
      String key = "batch/" + b;
      SplittableRandom rng = ctx.rng(key + "/examples");
      StringBuilder examples = new StringBuilder();
      List<String> ids = new ArrayList<>();
      for (int i : fewShot.pick(rng)) {
        examples.append(Json.write(base.item(i))).append('\n');
        ids.add(base.id(i));
      }
      String attribute = attributes.forBatch(b);
      Map<String, Object> vars = new HashMap<>();
      // Optional parts stay null: the template's sections skip null values but would render empty strings.
      vars.put("description", blankToNull(ctx.config().data().description()));
      vars.put("examples", blankToNull(examples.toString().strip()));
      vars.put("count", p.batchSize());
      vars.put("plural", p.batchSize() > 1);
      vars.put("fields", String.join(", ", base.fields()));
      vars.put("label_field", base.labelField());
      vars.put("attribute", attribute);
      vars.put("constraints", ctx.config().data().constraints());
      out.add(new Batch(b, key, ctx.prompts().render("datagen/generate", vars), ids, attribute));
    }
    return out;
  }

  /**
   * Returns null for a null or blank text, so that a template section around it is skipped.
   *
   * @param text the text
   * @return the text, or null
   */
  static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** Turns replies into candidate records, in batch then item order; failed calls and invalid replies are rejected. */
  private static List<DataRecord> candidates(RunContext ctx, List<Batch> batches,
      List<Attempt<Reply<JsonNode>>> replies) {
    List<DataRecord> out = new ArrayList<>();
    for (int j = 0; j < batches.size(); j++) {
      Batch b = batches.get(j);
      if (replies.get(j).failed()) {
        ctx.reject(replies.get(j).rejection(b.key(), null, null));
        continue;
      }
      if (replies.get(j).value() instanceof Reply.Invalid<JsonNode> bad) {
        ctx.reject(new Rejection(b.key(), "parse", bad.reason(), null, bad.raw(), null));
        continue;
      }
      JsonNode items = ((Reply.Ok<JsonNode>) Objects.requireNonNull(replies.get(j).value(),
          "an attempt that did not fail has a value")).value().path("items");
      for (int i = 0; i < items.size(); i++) {
        ObjectNode meta = Json.object().put("batch", b.number());
        ArrayNode parents = meta.putArray("parents");
        b.exampleIds().forEach(parents::add);
        if (b.attribute() != null) {
          meta.put("category", b.attribute());
        }
        out.add(new DataRecord("dg-b" + b.number() + "-i" + i, (ObjectNode) items.get(i), meta));
      }
    }
    return out;
  }

  /**
   * Evaluates and accepts candidates in chunks no larger than what the dataset still needs, as
   * {@link RunContext#acceptAll} does, so no stage spends calls on items that could not fit.
   */
  private static int accept(RunContext ctx, QualityPipeline evaluation, List<DataRecord> candidates) {
    int added = 0;
    int i = 0;
    while (i < candidates.size() && !ctx.done()) {
      int take = Math.max(1, Math.min(candidates.size() - i, ctx.remaining()));
      List<DataRecord> chunk = candidates.subList(i, i + take);
      i += take;
      added += ctx.acceptAll(evaluation.isEmpty() ? chunk : evaluation.run(chunk, ctx)).size();
    }
    return added;
  }
}
