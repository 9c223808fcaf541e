package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Parallel;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.Reply;
import io.synthkit.spi.StageContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks user constraints with an LLM judge (DataGen Appendix F): one yes/no verdict per item and constraint. Records
 * that fail a constraint are dropped ({@code reject: true}, the default) or kept with the failures in
 * {@code meta.quality.constraint_check} ({@code reject: false}, to measure compliance only). The manifest summary's
 * {@code constraint_check} holds the compliance rate per constraint and over items, with unparseable verdicts counted
 * apart and left out of the rates. Thread-safe.
 */
final class ConstraintCheckStage implements QualityStage {

  static final String NAME = "constraint_check";

  /**
   * Parameters.
   *
   * @param constraints the constraints to check (default: {@code data.constraints})
   * @param reject drop records that fail any constraint
   * @param role the judge's model role
   */
  record Params(
      @JsonPropertyDescription("constraints to check (default: data.constraints)") @Nullable List<String> constraints,
      @JsonPropertyDescription("drop records failing a constraint (default true)") Boolean reject,
      @JsonPropertyDescription("model role (default checker)") String role) {

    Params {
      constraints = constraints == null ? null : List.copyOf(constraints);
      reject = reject == null || reject;
      role = role == null ? QualityStages.DEFAULT_ROLE : role;
    }
  }

  /**
   * The judge's verdict.
   *
   * @param reason one sentence
   * @param satisfied yes or no
   */
  record Verdict(
      @JsonPropertyDescription("one sentence on whether the item follows the rule") String reason,
      @JsonPropertyDescription("true if the item follows the rule") boolean satisfied) {}

  private final Params p;
  private final List<String> constraints;
  private final AtomicLong[] satisfied;
  private final AtomicLong[] judged;
  private final AtomicLong items = new AtomicLong();
  private final AtomicLong compliant = new AtomicLong();
  private final AtomicLong unjudged = new AtomicLong();
  private final AtomicLong itemsUnjudged = new AtomicLong();

  ConstraintCheckStage(Params p, List<String> constraints) {
    if (constraints.isEmpty()) {
      throw new IllegalArgumentException("constraint_check needs constraints: set data.constraints or"
          + " constraint_check.constraints");
    }
    this.p = p;
    this.constraints = List.copyOf(constraints);
    this.satisfied = counters(constraints.size());
    this.judged = counters(constraints.size());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    Llm judge = ctx.llm(p.role()).stage(NAME);
    String key = StageRecords.key(NAME, record);
    List<Reply<Verdict>> verdicts = Parallel.map(IntStream.range(0, constraints.size()).boxed().toList(),
        i -> judge.tryAsk(StagePrompts.render(ctx, "quality/constraint-judge", record.data(),
            Map.of("constraint", constraints.get(i))), Verdict.class, key + "/c" + i));
    ObjectNode findings = Json.object();
    ArrayNode failed = findings.putArray("failed");
    ArrayNode unclear = findings.putArray("unjudged");
    for (int i = 0; i < constraints.size(); i++) {
      if (verdicts.get(i) instanceof Reply.Ok<Verdict> ok) {
        judged[i].incrementAndGet();
        if (ok.value().satisfied()) {
          satisfied[i].incrementAndGet();
        } else {
          failed.addObject().put("constraint", constraints.get(i)).put("reason", ok.value().reason());
        }
      } else {
        unjudged.incrementAndGet();
        unclear.add(constraints.get(i));
      }
    }
    boolean complies = failed.isEmpty() && unclear.isEmpty();
    items.incrementAndGet();
    if (complies) {
      compliant.incrementAndGet();
    } else if (failed.isEmpty()) {
      itemsUnjudged.incrementAndGet();
    }
    publish(ctx);
    findings.put("complies", complies);
    if (!complies && p.reject()) {
      return new StageOutcome.Drop(failed.isEmpty() ? "no valid verdict for: " + unclear
          : "fails constraint \"" + failed.get(0).path("constraint").asText() + "\": "
              + failed.get(0).path("reason").asText(), null, findings);
    }
    return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
  }

  /** Computes and publishes under one lock, so a stale snapshot never overwrites a newer one (see StageTally). */
  private synchronized void publish(StageContext ctx) {
    ctx.summary(NAME, summary());
  }

  /** @return compliance per constraint and over items (rates leave unparseable verdicts out) */
  ObjectNode summary() {
    // An item with an unparseable verdict and no failed one has an unknown outcome: left out of the item rate.
    long known = items.get() - itemsUnjudged.get();
    ObjectNode out = Json.object().put("items", items.get()).put("compliant_items", compliant.get())
        .put("unjudged_items", itemsUnjudged.get()).put("unjudged_verdicts", unjudged.get());
    out.put("compliance_rate", known == 0 ? 0 : round((double) compliant.get() / known));
    ArrayNode per = out.putArray("per_constraint");
    for (int i = 0; i < constraints.size(); i++) {
      long j = judged[i].get();
      per.addObject().put("constraint", constraints.get(i)).put("satisfied", satisfied[i].get()).put("judged", j)
          .put("rate", j == 0 ? 0 : round((double) satisfied[i].get() / j));
    }
    return out;
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  private static AtomicLong[] counters(int n) {
    AtomicLong[] out = new AtomicLong[n];
    for (int i = 0; i < n; i++) {
      out[i] = new AtomicLong();
    }
    return out;
  }
}
