package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.Reply;
import io.synthkit.spi.StageContext;
import java.util.List;
import java.util.Map;

/**
 * Self-reflection and self-enhancement (DataGen §2.3): a model judges the item and says why it is or is not good; if
 * not, it rewrites the item from its own reflection; repeat up to {@code max_rounds} judgments. Items never judged
 * good are dropped unless {@code reject_unresolved: false}. The whole trajectory (each reflection, verdict and
 * rewrite) goes to {@code meta.quality.reflection}.
 *
 * <p>Unlike the public code, the last round does not rewrite an item that no later judgment would look at. Stateless
 * apart from its counts; thread-safe.
 */
final class ReflectionStage implements QualityStage {

  static final String NAME = "reflection";

  /**
   * Parameters.
   *
   * @param maxRounds most judgments per item (the public code's {@code max_reflection}, 5)
   * @param rejectUnresolved drop items no judgment accepted (the code marks them {@code isgood: false} and its data
   *     preparation drops them)
   * @param role the model role that judges and rewrites
   */
  record Params(
      @JsonProperty("max_rounds") @JsonPropertyDescription("most judgments per item (default 5)") Integer maxRounds,
      @JsonProperty("reject_unresolved") @JsonPropertyDescription("drop items never judged good (default true)")
          Boolean rejectUnresolved,
      @JsonPropertyDescription("model role (default checker)") String role) {

    Params {
      maxRounds = maxRounds == null ? 5 : maxRounds;
      rejectUnresolved = rejectUnresolved == null || rejectUnresolved;
      role = role == null ? QualityStages.DEFAULT_ROLE : role;
      if (maxRounds < 1 || maxRounds > 20) {
        throw new IllegalArgumentException("max_rounds must be in [1, 20]: " + maxRounds);
      }
    }
  }

  /**
   * What the judge returns.
   *
   * @param reflection the analysis
   * @param isGood the verdict
   */
  record Verdict(
      @JsonPropertyDescription("what is wrong with the item, if anything, and how to improve it") String reflection,
      @JsonProperty("is_good") @JsonPropertyDescription("true if the item can be kept as it is") boolean isGood) {}

  private final Params p;
  private final StageTally tally = new StageTally(NAME, List.of("good_as_generated", "improved", "unresolved"));

  ReflectionStage(Params p) {
    this.p = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    Llm llm = ctx.llm(p.role()).stage(NAME);
    String key = StageRecords.key(NAME, record);
    ObjectNode current = record.data();
    ArrayNode trajectory = Json.array();
    for (int round = 0; round < p.maxRounds(); round++) {
      Reply<Verdict> judged = llm.tryAsk(StagePrompts.render(ctx, "quality/reflect", current, Map.of()),
          Verdict.class, key + "/round/" + round + "/judge");
      if (judged instanceof Reply.Invalid<Verdict> bad) {
        return new StageOutcome.Drop("judge reply invalid in round " + round + ": " + bad.reason(), bad.raw(),
            findings(false, trajectory, record.data(), current));
      }
      Verdict v = ((Reply.Ok<Verdict>) judged).value();
      ObjectNode step = trajectory.addObject().put("round", round).put("is_good", v.isGood())
          .put("reflection", v.reflection());
      if (v.isGood()) {
        tally.add(round == 0 ? "good_as_generated" : "improved", ctx);
        return new StageOutcome.Keep(StageRecords.annotate(record, current, NAME,
            findings(true, trajectory, record.data(), current)), !current.equals(record.data()));
      }
      if (round == p.maxRounds() - 1) {
        break; // a rewrite here would never be judged
      }
      Reply<JsonNode> rewritten = llm.tryAsk(StagePrompts.render(ctx, "quality/improve", current,
          Map.of("reflection", v.reflection())), ItemFields.sameShape("improved_item", current),
          key + "/round/" + round + "/rewrite");
      if (rewritten instanceof Reply.Invalid<JsonNode> bad) {
        return new StageOutcome.Drop("rewrite reply invalid in round " + round + ": " + bad.reason(), bad.raw(),
            findings(false, trajectory, record.data(), current));
      }
      current = (ObjectNode) ((Reply.Ok<JsonNode>) rewritten).value();
      step.set("rewrite", current);
    }
    tally.add("unresolved", ctx);
    ObjectNode findings = findings(false, trajectory, record.data(), current);
    if (p.rejectUnresolved()) {
      return new StageOutcome.Drop("not judged good in " + p.maxRounds() + " rounds; last reflection: "
          + trajectory.get(trajectory.size() - 1).path("reflection").asText(), null, findings);
    }
    return new StageOutcome.Keep(StageRecords.annotate(record, current, NAME, findings),
        !current.equals(record.data()));
  }

  private static ObjectNode findings(boolean good, ArrayNode trajectory, ObjectNode original, ObjectNode current) {
    ObjectNode out = Json.object().put("good", good).put("rounds", trajectory.size());
    out.set("trajectory", trajectory);
    if (!current.equals(original)) {
      out.set("original", original);
    }
    return out;
  }
}
