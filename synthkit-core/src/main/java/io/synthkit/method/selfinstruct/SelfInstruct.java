package io.synthkit.method.selfinstruct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.ItemSchema;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.RougeFilter;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.run.Rng;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The Self-Instruct baseline (Wang et al. 2023), as the Data Advisor paper runs it for comparison:
 *
 * <pre>
 * pool := seeds
 * repeat until target:
 *   for each of B prompts: show k examples sampled from the pool, ask for new items of the same shape
 *   for each new item, in order:
 *     drop it if too short/long, an exact duplicate, or ROUGE-L F > 0.7 against any pool item
 *     otherwise accept it and add it to the pool
 * </pre>
 *
 * Unlike the reference code, which appended a whole batch to the pool as one list element, each accepted item joins the
 * pool on its own.
 */
public final class SelfInstruct implements Method<SelfInstructParams> {

  /** The role that writes new items. */
  public static final String GENERATOR = "generator";

  @Override
  public String name() {
    return "self-instruct";
  }

  @Override
  public String description() {
    return "Self-Instruct baseline: sample pool examples, ask for new items, filter by length, duplicates and ROUGE-L";
  }

  @Override
  public Class<SelfInstructParams> paramsType() {
    return SelfInstructParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(GENERATOR);
  }

  /** Reads the seeds before the run directory opens, so a missing or malformed seed file never touches a run. */
  @Override
  public void validate(SelfInstructParams p, ConfigView config) {
    SeedItems.read(config, p);
  }

  @Override
  public void run(RunContext ctx, SelfInstructParams p) {
    Pool pool = new Pool(SeedItems.read(ctx.config(), p), p.rougeThreshold());
    ctx.declareTextField(pool.textField());
    Schema schema = ItemSchema.batch("new_items", pool.fieldSchema(), p.itemsPerCall());
    Llm generator = ctx.llm(GENERATOR).stage("generate")
        .with(new Sampling(p.temperature(), p.topP(), p.maxTokens(), null, null));
    int idle = 0;
    for (int round = 0; !ctx.done(); round++) {
      ctx.step("generating", "round " + round + ", " + p.batchSize() + " prompts", p.batchSize());
      List<Call> calls = prompts(ctx, p, pool, round);
      List<Attempt<Reply<JsonNode>>> replies = ctx.parallel(calls,
          c -> Attempt.of(() -> generator.tryAsk(c.prompt(), schema, c.key())));
      int added = 0;
      for (int b = 0; b < calls.size() && !ctx.done(); b++) {
        added += consume(ctx, p, pool, calls.get(b), replies.get(b));
      }
      ctx.event("round/" + round, "round", Json.object().put("round", round).put("accepted", added)
          .put("pool", pool.size()));
      idle = added == 0 ? idle + 1 : 0;
      if (idle >= p.maxIdleRounds()) {
        ctx.summary("stopped", "no new item passed the filters for " + idle + " rounds");
        return;
      }
    }
  }

  private record Call(String key, Prompt prompt, List<String> exampleIds) {}

  private List<Call> prompts(RunContext ctx, SelfInstructParams p, Pool pool, int round) {
    List<Call> calls = new ArrayList<>(p.batchSize());
    for (int b = 0; b < p.batchSize(); b++) {
      String key = "round/" + round + "/prompt/" + b;
      SplittableRandom rng = ctx.rng(key);
      List<Integer> picks = pool.sampleExamples(p.examplesPerPrompt(), p.seedExamples(), rng);
      StringBuilder examples = new StringBuilder();
      List<String> ids = new ArrayList<>();
      for (int i : picks) {
        examples.append(Json.write(pool.item(i))).append('\n');
        ids.add(pool.id(i));
      }
      Prompt prompt = ctx.prompts().render("self-instruct/generate", Map.of(
          "examples", examples.toString().strip(),
          "count", p.itemsPerCall(),
          "plural", p.itemsPerCall() > 1,
          "fields", String.join(", ", pool.fields()),
          "description", ctx.config().data().description() == null ? "" : ctx.config().data().description(),
          "constraints", ctx.config().data().constraints()));
      calls.add(new Call(key, prompt, ids));
    }
    return calls;
  }

  /** Filters the items of one reply in order; returns how many were accepted. */
  private int consume(RunContext ctx, SelfInstructParams p, Pool pool, Call call, Attempt<Reply<JsonNode>> attempt) {
    if (attempt.failed()) {
      ctx.reject(attempt.rejection(call.key(), null, null));
      return 0;
    }
    Reply<JsonNode> reply = Objects.requireNonNull(attempt.value(), "an attempt that did not fail has a value");
    if (reply instanceof Reply.Invalid<JsonNode> bad) {
      ctx.reject(new Rejection(call.key(), "parse", bad.reason(), null, bad.raw(), null));
      return 0;
    }
    ArrayNode items = (ArrayNode) ((Reply.Ok<JsonNode>) reply).value().path("items");
    int accepted = 0;
    for (int i = 0; i < items.size() && !ctx.done(); i++) {
      ObjectNode item = (ObjectNode) items.get(i);
      String key = call.key() + "/item/" + i;
      String text = item.path(pool.textField()).asText("");
      String problem = pool.check(text, p);
      if (problem != null) {
        ctx.reject(new Rejection(key, problem.substring(0, problem.indexOf(':')), problem, item, null, null));
        continue;
      }
      RougeFilter.Decision d = pool.rouge().offer(text);
      if (!d.accepted()) {
        ctx.reject(new Rejection(key, "rouge_filter", String.format(Locale.ROOT,
            "ROUGE-L F %.3f > %.2f against: %s", d.maxScore(), p.rougeThreshold(), d.mostSimilar().orElse("")),
            item, null, null));
        continue;
      }
      String id = "si-" + call.key().replace("round/", "r").replace("/prompt/", "-p") + "-i" + i;
      ObjectNode meta = Json.object().put("round", Integer.parseInt(call.key().split("/")[1]))
          .put("rouge_l_max", Math.round(d.maxScore() * 1000) / 1000.0);
      ArrayNode parents = meta.putArray("parents");
      call.exampleIds().forEach(parents::add);
      if (!ctx.accept(new DataRecord(id, item, meta))) {
        break;
      }
      pool.add(id, item);
      accepted++;
    }
    return accepted;
  }

  /** The example pool: seeds plus accepted items, with the filters' state. */
  private static final class Pool {
    private final List<String> ids = new ArrayList<>();
    private final List<ObjectNode> items = new ArrayList<>();
    private final int seedCount;
    private final List<String> fields;
    private final String textField;
    private final ObjectNode fieldSchema;
    private final RougeFilter rouge;
    private final ExactDedup exact = new ExactDedup();

    Pool(SeedItems seedItems, double threshold) {
      List<ObjectNode> seeds = seedItems.items();
      this.fields = seedItems.fields();
      this.textField = seedItems.textField();
      this.fieldSchema = ItemSchema.fieldsLike(seeds.get(0), fields);
      this.rouge = new RougeFilter(threshold);
      for (int i = 0; i < seeds.size(); i++) {
        ids.add("seed-" + i);
        items.add(project(seeds.get(i)));
        exact.add(seeds.get(i).path(textField).asText(""));
      }
      rouge.addSeeds(items.stream().map(s -> s.path(textField).asText("")).toList());
      this.seedCount = seeds.size();
    }

    private ObjectNode project(ObjectNode item) {
      ObjectNode out = Json.object();
      fields.forEach(f -> out.set(f, item.path(f).isMissingNode() ? Json.tree("") : item.get(f)));
      return out;
    }

    /** Returns "step: reason" when a text fails the length or duplicate checks, else null. */
    @Nullable String check(String text, SelfInstructParams p) {
      int words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
      if (text.strip().length() < p.minChars()) {
        return "length: " + text.strip().length() + " characters < min_chars " + p.minChars();
      }
      if (words < p.minWords() || words > p.maxWords()) {
        return "length: " + words + " words outside [" + p.minWords() + ", " + p.maxWords() + "]";
      }
      if (!exact.add(text)) {
        return "duplicate: the same text (after normalisation) is already in the pool";
      }
      return null;
    }

    List<Integer> sampleExamples(int k, @Nullable Integer fromSeeds, SplittableRandom rng) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        all.add(i);
      }
      if (fromSeeds == null) {
        return Rng.sample(all, k, rng);
      }
      List<Integer> seedIdx = all.subList(0, seedCount);
      List<Integer> genIdx = all.subList(seedCount, all.size());
      int fromGen = Math.min(k - fromSeeds, genIdx.size());
      List<Integer> out = new ArrayList<>(Rng.sample(seedIdx, k - fromGen, rng));
      out.addAll(Rng.sample(genIdx, fromGen, rng));
      return Rng.shuffled(out, rng);
    }

    void add(String id, ObjectNode item) {
      ids.add(id);
      items.add(item);
    }

    int size() {
      return items.size();
    }

    ObjectNode item(int i) {
      return items.get(i);
    }

    String id(int i) {
      return ids.get(i);
    }

    List<String> fields() {
      return fields;
    }

    String textField() {
      return textField;
    }

    ObjectNode fieldSchema() {
      return fieldSchema;
    }

    RougeFilter rouge() {
      return rouge;
    }
  }
}
