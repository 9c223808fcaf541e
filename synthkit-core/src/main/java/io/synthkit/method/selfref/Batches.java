package io.synthkit.method.selfref;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.json.JsonExtractor;
import io.synthkit.json.MalformedJsonException;
import io.synthkit.method.Attempt;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Rejection;
import io.synthkit.spi.Reply;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of the paper's loop for a group of formatting examples: render the prompt, ask for N examples, validate
 * them in order, hand the valid ones to the dataset, and call again with a new sample key (up to {@code max_retries}
 * times) for every formatting example that got no accepted example. The calls of a group run concurrently; replies are
 * consumed in group order, so validation, ids and the dataset do not depend on which reply arrives first.
 *
 * <p>Not thread-safe: used from the method's thread.
 */
final class Batches {

  /**
   * One formatting example's place in the work.
   *
   * @param formatting the formatting example
   * @param keyBase its sample key prefix, e.g. {@code step/4} (tries append {@code /try/t})
   * @param idBase its record id prefix, e.g. {@code sr-s4} (records append {@code .t0.i2})
   * @param place meta fields naming the place ({@code iteration} or {@code hop})
   */
  record Slot(Node formatting, String keyBase, String idBase, ObjectNode place) {}

  private record Call(Slot slot, int attempt, Prompt prompt) {
    String key() {
      return slot.keyBase() + "/try/" + attempt;
    }

    String id(int item) {
      return slot.idBase() + ".t" + attempt + ".i" + item;
    }
  }

  private final RunContext ctx;
  private final SelfReferenceParams p;
  private final ExampleShape shape;
  private final ExampleValidator validator;
  private final LabelBalance balance;
  private final Strategy strategy;
  private final @Nullable String instruction;
  private final Schema schema;
  private final Llm generator;

  Batches(RunContext ctx, SelfReferenceParams p, ExampleShape shape, LabelBalance balance, Llm generator) {
    this.ctx = ctx;
    this.p = p;
    this.shape = shape;
    this.balance = balance;
    this.validator = new ExampleValidator(shape, balance, p.nearDuplicateThreshold());
    this.strategy = p.strategyValue();
    this.instruction = p.instruction() != null ? p.instruction() : ctx.config().data().description();
    this.schema = shape.schema(p.examplesPerCall());
    this.generator = generator;
  }

  /**
   * Runs the slots: every slot is called once, and those without an accepted example again with new keys, up to
   * {@code max_retries} more times, until the target is reached.
   *
   * @param slots the formatting examples, in consumption order
   * @return per slot, the accepted examples as formatting examples of the next step, in acceptance order
   */
  List<List<Node>> run(List<Slot> slots) {
    List<List<Node>> out = new ArrayList<>();
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      out.add(new ArrayList<>());
      pending.add(i);
    }
    for (int t = 0; t <= p.maxRetries() && !pending.isEmpty() && !ctx.done(); t++) {
      Object hint = balance.hint().isEmpty() ? false : balance.hint();
      List<Call> calls = new ArrayList<>();
      for (int i : pending) {
        calls.add(new Call(slots.get(i), t, prompt(slots.get(i).formatting(), hint)));
      }
      List<Attempt<Reply<JsonNode>>> replies = ctx.parallel(calls,
          c -> Attempt.of(() -> generator.tryAsk(c.prompt(), schema, c.key())));
      List<Integer> empty = new ArrayList<>();
      for (int k = 0; k < calls.size() && !ctx.done(); k++) {
        List<Node> accepted = consume(calls.get(k), replies.get(k));
        out.get(pending.get(k)).addAll(accepted);
        if (accepted.isEmpty()) {
          empty.add(pending.get(k));
        }
      }
      pending = empty;
    }
    return out;
  }

  private Prompt prompt(Node formatting, Object hint) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("count", p.examplesPerCall());
    vars.put("plural", p.examplesPerCall() > 1);
    // A false value skips the Mustache section; an empty string would still render it.
    vars.put("instruction", instruction == null || instruction.isBlank() ? false : instruction);
    vars.put("fields", String.join(", ", shape.fields()));
    vars.put("question", shape.question());
    vars.put("options", shape.options());
    vars.put("answer", shape.answer());
    vars.put("fixed", shape.labelSpace() == LabelSpace.FIXED);
    vars.put("labels", Json.write(shape.seedOptions()));
    vars.put("option_count", shape.optionCount());
    vars.put("example", Json.pretty(formatting.item()));
    vars.put("hint", hint);
    vars.put("constraints", ctx.config().data().constraints());
    return ctx.prompts().render("self-reference/generate", vars);
  }

  /** Validates one reply's examples in order and offers the valid ones to the dataset; returns what was accepted. */
  private List<Node> consume(Call call, Attempt<Reply<JsonNode>> reply) {
    List<JsonNode> items = items(call, reply);
    Map<String, Integer> pendingLabels = new HashMap<>();
    List<DataRecord> candidates = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Optional<ExampleValidator.Verdict> v = validator.check(items.get(i), call.slot().formatting(), pendingLabels);
      if (v.isPresent()) {
        ctx.reject(new Rejection(call.key() + "/item/" + i, v.get().step(), v.get().reason(), items.get(i), null,
            provenance(call)));
      } else {
        ObjectNode item = shape.ordered((ObjectNode) items.get(i));
        ObjectNode meta = provenance(call).put("strategy", strategy.wire()).put("category", shape.category(item))
            .put("seed_id", Node.SEED);
        candidates.add(new DataRecord(call.id(i), item, meta));
      }
    }
    List<Node> accepted = new ArrayList<>();
    Node parent = call.slot().formatting();
    for (DataRecord r : ctx.acceptAll(candidates)) {
      balance.add(shape.category(r.data()));
      accepted.add(new Node(r.id(), r.data(), parent.depth() + 1));
      if (strategy == Strategy.TREE) {
        ctx.event("edge/" + r.id(), "edge", Json.object().put("parent", parent.id()).put("child", r.id())
            .put("depth", parent.depth() + 1));
      }
    }
    ObjectNode event = Json.object().put("formatting_example", parent.id()).put("depth", parent.depth())
        .put("try", call.attempt()).put("returned", items.size()).put("valid", candidates.size())
        .put("accepted", accepted.size());
    event.setAll(call.slot().place());
    ctx.event(call.key(), "call", event);
    ctx.summary("labels", balance.summary());
    return accepted;
  }

  /**
   * Returns a reply's examples. A reply that failed the schema (after the gateway's re-asks) is salvaged when it still
   * holds JSON: its examples are checked one by one, so one malformed example costs only itself and the rejection
   * names the rule it broke. Blank-line-separated objects (the paper's format) are accepted the same way. A call that
   * failed outright (a prompt over the context window, retries exhausted) is one rejection and yields nothing.
   */
  private List<JsonNode> items(Call call, Attempt<Reply<JsonNode>> attempt) {
    if (attempt.failed()) {
      ctx.reject(attempt.rejection(call.key(), null, provenance(call)));
      return List.of();
    }
    Reply<JsonNode> reply = Objects.requireNonNull(attempt.value(), "an attempt that did not fail has a value");
    if (reply instanceof Reply.Ok<JsonNode> ok) {
      return elements(ok.value().path("items"));
    }
    Reply.Invalid<JsonNode> bad = (Reply.Invalid<JsonNode>) reply;
    List<JsonNode> salvaged = List.of();
    try {
      JsonNode node = JsonExtractor.extract(bad.raw());
      salvaged = node.isArray() ? elements(node) : node.path("items").isArray() ? elements(node.get("items"))
          : JsonExtractor.extractAll(bad.raw());
    } catch (MalformedJsonException e) {
      // Nothing parses: the whole reply is one rejection below.
    }
    if (salvaged.isEmpty()) {
      ctx.reject(new Rejection(call.key(), "parse", bad.reason(), null, bad.raw(), provenance(call)));
    }
    return salvaged;
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static ObjectNode provenance(Call call) {
    Node parent = call.slot().formatting();
    ObjectNode meta = Json.object();
    ArrayNode parents = meta.putArray("parents");
    parents.add(parent.id());
    meta.put("depth", parent.depth() + 1).put("try", call.attempt());
    meta.setAll(call.slot().place().deepCopy());
    return meta;
  }
}
