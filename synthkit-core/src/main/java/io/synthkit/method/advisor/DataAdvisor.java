package io.synthkit.method.advisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.dedup.TextNormalizer;
import io.synthkit.json.Json;
import io.synthkit.method.Attempt;
import io.synthkit.method.advisor.ExamplePool.Example;
import io.synthkit.spi.Choice;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Method;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Data Advisor (Wang et al., EMNLP 2024): Self-Instruct steered by an advisor that monitors what the dataset covers,
 * identifies what it lacks against a guiding principle, and advises the generator to fill that gap.
 *
 * <pre>
 * pool := seeds;  summary := summary file, or the advisor's summary of the seeds (Monitor)
 * repeat until target:
 *   weakness := advisor(summary, principle)                        Identify weakness  (T 0.9)
 *   batch := B items, each from a prompt with k pool examples       Advise             (T 0.9)
 *            and the weakness; gated (length, duplicates); a
 *            responder answers each one (safety: a safe response, T 0)
 *   summary += advisor(summary, batch)   (only new lines, each ≤ 5 words)   Monitor    (T 0)
 *   pool += the first accepted item of the batch
 * </pre>
 *
 * Deviations from the reference code (methods.md §1.6): the summary update sees the new items, as the paper says,
 * unless {@code summary_input: advice}; the summary only gains validated lines; the weakness is structured output;
 * generated items pass simple gates. See {@code docs/methods/data-advisor.md}.
 */
public final class DataAdvisor implements Method<DataAdvisorParams> {

  /** The role that identifies weaknesses and updates the summary. */
  public static final String ADVISOR = "advisor";
  /** The role that writes new items. */
  public static final String GENERATOR = "generator";
  /** The role that answers each item (the reference used a separate chat model at temperature 0). */
  public static final String RESPONDER = "responder";

  /** The most seeds the bootstrap prompt shows (the reference summarised its 10 seeds offline). */
  static final int BOOTSTRAP_SEEDS = 100;

  @Override
  public String name() {
    return "data-advisor";
  }

  @Override
  public String description() {
    return "Data Advisor: monitor what the data covers, identify a missing concept, advise the generator to fill it";
  }

  @Override
  public Class<DataAdvisorParams> paramsType() {
    return DataAdvisorParams.class;
  }

  @Override
  public List<String> roles() {
    return List.of(ADVISOR, GENERATOR, RESPONDER);
  }

  @Override
  public void run(RunContext ctx, DataAdvisorParams p) {
    AdvisorState s = AdvisorState.open(ctx, p);
    ctx.declareTextField(s.textField());
    RunningSummary summary = initialSummary(ctx, p, s);
    int idle = 0;
    for (int i = 0; !ctx.done(); i++) {
      if (i >= p.maxIterations()) {
        ctx.summary("stopped", "max_iterations " + p.maxIterations() + " reached");
        return;
      }
      Optional<Weakness> weakness = identifyWeakness(ctx, p, s, summary, i);
      Batch batch = weakness.isPresent() ? advisedGeneration(ctx, p, s, weakness.get(), i) : Batch.NONE;
      // The final iteration's summary is never used; skipping it keeps the path independent of the target, so a
      // raised target replays this iteration and then updates the summary with its full batch.
      if (!batch.accepted().isEmpty() && !ctx.done()) {
        monitor(ctx, p, s, summary, weakness.get().concept(), batch.accepted(), i);
      }
      batch.accepted().stream().limit(p.poolAdd()).forEach(r -> s.pool().add(r.id(), r.data()));
      String concept = weakness.map(Weakness::concept).orElse(null);
      s.tally(concept, batch.accepted().size());
      recordIteration(ctx, s, summary, concept, batch, i);
      idle = batch.accepted().isEmpty() ? idle + 1 : 0;
      if (idle >= p.maxIdleIterations()) {
        ctx.summary("stopped", "no record was added for " + idle + " iterations");
        return;
      }
    }
  }

  /** Monitor, before the loop: the user's summary file, else the advisor's summary of the seeds. */
  private RunningSummary initialSummary(RunContext ctx, DataAdvisorParams p, AdvisorState s) {
    ObjectNode event = Json.object();
    RunningSummary summary;
    if (p.summary() != null) {
      summary = new RunningSummary(AdvisorSeeds.readSummary(ctx.config(), p.summary()));
      event.put("source", "file");
    } else if (p.bootstrapSummary()) {
      summary = new RunningSummary(List.of());
      event.put("source", "bootstrap");
      List<String> seeds = s.seedTexts().stream().limit(BOOTSTRAP_SEEDS).toList();
      String key = "bootstrap/summary";
      Attempt<Reply<NewConcepts>> attempt = Attempt.of(() -> s.summarizer().tryAsk(s.prompts().bootstrap(seeds),
          NewConcepts.class, key));
      Reply<NewConcepts> reply = attempt.value();
      if (attempt.failed()) {
        ctx.reject(attempt.rejection(key, null, null));
      } else if (reply instanceof Reply.Ok<NewConcepts> ok) {
        putDropped(event, summary.merge(ok.value().concepts(), p.maxSummaryWords()).dropped());
      } else {
        Reply.Invalid<NewConcepts> bad = (Reply.Invalid<NewConcepts>) Objects.requireNonNull(reply,
            "an attempt that did not fail has a value");
        ctx.reject(new Rejection(key, "summary", bad.reason(), null, bad.raw(), null));
      }
    } else {
      summary = new RunningSummary(List.of());
      event.put("source", "empty");
    }
    event.set("after", Json.tree(summary.lines()));
    ctx.event("summary/initial", "summary", event);
    return summary;
  }

  /** Identify weakness: the advisor names one concept the summary lacks, given the principle. */
  private Optional<Weakness> identifyWeakness(RunContext ctx, DataAdvisorParams p, AdvisorState s,
      RunningSummary summary, int iter) {
    ctx.step("identifying a weakness", "iteration " + iter, 1);
    String key = "iter/" + iter + "/weakness";
    Reply<Weakness> reply;
    try {
      reply = s.advisor().tryAsk(s.prompts().weakness(summary), Weakness.class, key);
    } catch (ItemFailedException e) {
      ctx.reject(Attempt.rejection(e, key, null, iterationMeta(iter, null)));
      return Optional.empty();
    }
    if (reply instanceof Reply.Invalid<Weakness> bad) {
      ctx.reject(new Rejection(key, "weakness", bad.reason(), null, bad.raw(), iterationMeta(iter, null)));
      return Optional.empty();
    }
    Weakness w = ((Reply.Ok<Weakness>) reply).value();
    String concept = w.cleanConcept();
    if (concept.isEmpty()) {
      ctx.reject(new Rejection(key, "weakness", "empty concept", Json.tree(w), reply.raw(), iterationMeta(iter, null)));
      return Optional.empty();
    }
    String rationale = w.rationale() == null ? "" : w.rationale().strip();
    ctx.event(key, "weakness", iterationMeta(iter, null).put("concept", concept).put("rationale", rationale)
        .put("in_summary", summary.covers(concept)));
    return Optional.of(new Weakness(concept, rationale));
  }

  /** What one iteration's generation produced. */
  private record Batch(int generated, int passed, List<DataRecord> accepted) {
    static final Batch NONE = new Batch(0, 0, List.of());
  }

  private record Call(int index, String key, Prompt prompt, List<String> parents) {}

  private record Candidate(Call call, ObjectNode item, String text) {}

  /** Advise: B items for the weakness, gated, answered by the responder, offered to the dataset. */
  private Batch advisedGeneration(RunContext ctx, DataAdvisorParams p, AdvisorState s, Weakness advice, int iter) {
    String weakness = advice.concept();
    ctx.step("generating", "iteration " + iter + ", " + p.batchSize() + " items for '" + weakness + "'", p.batchSize());
    List<Call> calls = new ArrayList<>(p.batchSize());
    for (int b = 0; b < p.batchSize(); b++) {
      String key = "iter/" + iter + "/gen/" + b;
      List<Example> examples = s.pool().sample(p.examplesPerPrompt(), ctx.rng(key + "/examples"));
      calls.add(new Call(b, key, s.prompts().generate(examples, weakness, advice.rationale()),
          examples.stream().map(Example::id).toList()));
    }
    List<Attempt<Reply<JsonNode>>> replies = ctx.parallel(calls, c -> Attempt.of(() -> s.generator().tryAsk(
        c.prompt(), s.itemSchema(), c.key())));
    int generated = (int) replies.stream().filter(r -> r.value() instanceof Reply.Ok<JsonNode>).count();
    List<Candidate> passed = gate(ctx, s, calls, replies, weakness, iter);
    List<DataRecord> records = p.responds() ? respond(ctx, p, s, passed, weakness, iter)
        : passed.stream().map(c -> record(p, c, weakness, iter, null)).toList();
    return new Batch(generated, passed.size(), ctx.acceptAll(records));
  }

  /** Parses and gates the replies in order (the gates remember what passed, so order matters). */
  private List<Candidate> gate(RunContext ctx, AdvisorState s, List<Call> calls,
      List<Attempt<Reply<JsonNode>>> replies, String weakness, int iter) {
    List<Candidate> passed = new ArrayList<>();
    for (int b = 0; b < calls.size(); b++) {
      Call call = calls.get(b);
      if (replies.get(b).failed()) {
        ctx.reject(replies.get(b).rejection(call.key(), null, iterationMeta(iter, weakness)));
        continue;
      }
      if (replies.get(b).value() instanceof Reply.Invalid<JsonNode> bad) {
        ctx.reject(new Rejection(call.key(), "parse", bad.reason(), null, bad.raw(), iterationMeta(iter, weakness)));
        continue;
      }
      ObjectNode item = s.project((ObjectNode) ((Reply.Ok<JsonNode>) Objects.requireNonNull(replies.get(b).value(),
          "an attempt that did not fail has a value")).value());
      String text = item.path(s.textField()).asText("");
      Optional<ItemGate.Drop> drop = s.gate().check(text);
      if (drop.isPresent()) {
        ctx.reject(new Rejection(call.key(), drop.get().step(), drop.get().reason(), item, null,
            iterationMeta(iter, weakness)));
        continue;
      }
      passed.add(new Candidate(call, item, text));
    }
    return passed;
  }

  /** The responder answers every candidate at its own temperature (the reference: a chat model at T 0). */
  private List<DataRecord> respond(RunContext ctx, DataAdvisorParams p, AdvisorState s, List<Candidate> passed,
      String weakness, int iter) {
    ctx.step("responding", "iteration " + iter + ", " + passed.size() + " items", passed.size());
    List<Attempt<Choice>> answers = ctx.parallel(passed, c -> Attempt.of(() -> s.responder().completion(
        s.prompts().respond(c.text()), c.call().key() + "/respond")));
    List<DataRecord> records = new ArrayList<>();
    for (int i = 0; i < passed.size(); i++) {
      if (answers.get(i).failed()) {
        ctx.reject(answers.get(i).rejection(passed.get(i).call().key() + "/respond", passed.get(i).item(),
            iterationMeta(iter, weakness)));
        continue;
      }
      Choice answer = Objects.requireNonNull(answers.get(i).value(), "an attempt that did not fail has a value");
      if (answer.text() == null || answer.text().isBlank()) {
        ctx.reject(new Rejection(passed.get(i).call().key() + "/respond", "response", "empty response",
            passed.get(i).item(), answer.text(), iterationMeta(iter, weakness)));
        continue;
      }
      records.add(record(p, passed.get(i), weakness, iter, answer));
    }
    return records;
  }

  private static DataRecord record(DataAdvisorParams p, Candidate c, String weakness, int iter,
      @Nullable Choice answer) {
    ObjectNode data = c.item().deepCopy();
    data.put(p.categoryField(), weakness);
    ObjectNode meta = iterationMeta(iter, weakness);
    if (answer != null) {
      data.put(p.responseField(), answer.text().strip());
      if (answer.truncated()) {
        meta.put("response_truncated", true);
      }
    }
    ArrayNode parents = meta.putArray("parents");
    c.call().parents().forEach(parents::add);
    return new DataRecord("da-i" + iter + "-b" + c.call().index(), data, meta);
  }

  /** Monitor: the advisor folds the new data (or only the advice) into the summary; validated lines join. */
  private void monitor(RunContext ctx, DataAdvisorParams p, AdvisorState s, RunningSummary summary, String weakness,
      List<DataRecord> batch, int iter) {
    ctx.step("updating the summary", "iteration " + iter, 1);
    String key = "iter/" + iter + "/summary";
    List<String> before = summary.lines();
    List<String> items = p.summarisesData()
        ? batch.stream().map(r -> r.data().path(s.textField()).asText("")).toList() : null;
    Reply<NewConcepts> reply;
    try {
      reply = s.summarizer().tryAsk(s.prompts().summarize(summary, items, weakness), NewConcepts.class, key);
    } catch (ItemFailedException e) {
      ctx.reject(Attempt.rejection(e, key, null, iterationMeta(iter, weakness)));
      return;
    }
    if (reply instanceof Reply.Invalid<NewConcepts> bad) {
      ctx.reject(new Rejection(key, "summary", bad.reason(), null, bad.raw(), iterationMeta(iter, weakness)));
      return;
    }
    RunningSummary.Merge merge = summary.merge(((Reply.Ok<NewConcepts>) reply).value().concepts(),
        p.maxSummaryWords());
    ObjectNode event = iterationMeta(iter, null).put("input", p.summaryInput());
    event.set("before", Json.tree(before));
    event.set("after", Json.tree(summary.lines()));
    event.set("added", Json.tree(merge.added()));
    putDropped(event, merge.dropped());
    ctx.event(key, "summary", event);
  }

  private static void recordIteration(RunContext ctx, AdvisorState s, RunningSummary summary,
      @Nullable String weakness, Batch batch, int iter) {
    ObjectNode e = iterationMeta(iter, null).put("weakness", weakness).put("generated", batch.generated())
        .put("passed_gates", batch.passed()).put("accepted", batch.accepted().size()).put("records", s.records())
        .put("pool", s.pool().size()).put("summary_lines", summary.size())
        .put("distinct_categories", s.distinctCategories());
    e.set("ids", Json.tree(batch.accepted().stream().map(DataRecord::id).toList()));
    ctx.event("iter/" + iter, "iteration", e);
    ctx.summary("iterations", iter + 1);
    ctx.summary("pool", s.pool().size());
    ctx.summary("summary_lines", summary.size());
    ctx.summary("distinct_categories", s.distinctCategories());
    ctx.summary("concepts", summary.lines());
  }

  private static void putDropped(ObjectNode event, List<RunningSummary.Dropped> dropped) {
    ArrayNode out = event.putArray("dropped");
    dropped.forEach(d -> out.add(Json.object().put("line", d.line()).put("reason", d.reason())));
  }

  private static ObjectNode iterationMeta(int iter, @Nullable String weakness) {
    ObjectNode meta = Json.object().put("iteration", iter);
    return weakness == null ? meta : meta.put("category", weakness);
  }

  /** Keys categories the same way the summary does, so "Phishing." and "phishing" count once. */
  static String categoryKey(String concept) {
    return TextNormalizer.normalize(concept);
  }

  /**
   * Checks before the run directory opens: a principle (required unless a preset supplies one), the seeds and the item
   * fields they settle, and the summary file.
   */
  @Override
  public void validate(DataAdvisorParams p, ConfigView config) {
    if (p.principle() == null) {
      throw SynthkitException.input(config.at("data-advisor.principle") + "is required: say what the dataset"
          + " must cover (the advisor looks for gaps against it), or choose a preset (safety, calculus)");
    }
    AdvisorSeeds.read(config, p);
    if (p.summary() != null) {
      AdvisorSeeds.readSummary(config, p.summary());
    }
  }
}
