package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.QualityStage.StageOutcome;
import io.synthkit.spi.QualityStage;
import io.synthkit.spi.Reply;
import io.synthkit.spi.StageContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Code-based mathematical evaluation (DataGen §2.3): a model writes a Python program that solves the item's problem,
 * the program runs in the sandbox ({@code ctx.sandbox()} under {@code ctx.sandboxLimits()}), and its answer is
 * compared numerically with the item's label. When they disagree, the label is replaced by the program's answer (the
 * paper's rule) and the original label kept in meta. A failed run's error goes back to the model in the next attempt.
 * After {@code attempts} failures the item is dropped, or kept marked {@code unverified} when {@code on_failure: keep}.
 *
 * <p>Fixes the public code's defects: it replaced the label even when the two agreed, never fed errors back, ran the
 * program with no sandbox or timeout, and compared answers by asking a model. Thread-safe.
 */
final class MathCheckStage implements QualityStage {

  static final String NAME = "math_check";
  /** The variable the program must assign its answer to. */
  static final String RESULT_VARIABLE = "answer";

  /**
   * Parameters.
   *
   * @param field the field holding the problem (default: the method's text field)
   * @param answerField the label to check (default: detected, e.g. {@code answer} or {@code label})
   * @param attempts programs to try per item (the public code's 5)
   * @param tolerance answers agree when {@code |a-b| <= tolerance * max(1, |a|, |b|)}
   * @param onFailure {@code reject} (drop items no program answered) or {@code keep} (keep them, marked unverified)
   * @param role the model role that writes programs
   * @param maxSandboxFailures programs stopped by the sandbox (timeout, memory or output limit) after which the item
   *     is rejected: a model that wrote one such program for an item tends to write more, and each costs seconds
   */
  record Params(
      @JsonPropertyDescription("field holding the problem (default: the method's text field)") @Nullable String field,
      @JsonProperty("answer_field") @JsonPropertyDescription("label to check (default: answer/label/...)")
          @Nullable String answerField,
      @JsonPropertyDescription("programs tried per item (default 5)") Integer attempts,
      @JsonPropertyDescription("relative/absolute tolerance for equal answers (default 1e-6)") Double tolerance,
      @JsonProperty("on_failure") @JsonPropertyDescription("reject | keep (marked unverified); default reject")
          String onFailure,
      @JsonPropertyDescription("model role (default checker)") String role,
      @JsonProperty("max_sandbox_failures")
      @JsonPropertyDescription("programs stopped by a sandbox limit (timeout, memory, output) before the item is "
          + "rejected (default 2)") Integer maxSandboxFailures) {

    Params {
      attempts = attempts == null ? 5 : attempts;
      tolerance = tolerance == null ? 1e-6 : tolerance;
      onFailure = onFailure == null ? "reject" : onFailure;
      role = role == null ? QualityStages.DEFAULT_ROLE : role;
      maxSandboxFailures = maxSandboxFailures == null ? 2 : maxSandboxFailures;
      if (maxSandboxFailures < 1) {
        throw new IllegalArgumentException("max_sandbox_failures must be positive: " + maxSandboxFailures);
      }
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("attempts must be in [1, 20]: " + attempts);
      }
      if (!(tolerance >= 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance must be in [0, 1): " + tolerance);
      }
      if (!onFailure.equals("reject") && !onFailure.equals("keep")) {
        throw new IllegalArgumentException("on_failure must be reject or keep: " + onFailure);
      }
    }
  }

  /**
   * What the model returns.
   *
   * @param analysis how it approaches the problem
   * @param code the program
   */
  record Program(
      @JsonPropertyDescription("the approach, in a few sentences") String analysis,
      @JsonPropertyDescription("the complete Python program; it assigns the final number to `answer`") String code) {}

  private final Params p;
  private final StageTally tally = new StageTally(NAME, List.of("verified", "corrected", "failed", "sandbox_gave_up"));

  MathCheckStage(Params p) {
    this.p = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    String answerField = ItemFields.requireAnswer(NAME, p.answerField(), record);
    String problem = ItemFields.text(record.data(), TextField.name(p.field(), ctx));
    Llm llm = ctx.llm(p.role()).stage(NAME);
    CodeSandbox sandbox = ctx.sandbox();
    ArrayNode attempts = Json.array();
    String previousCode = null;
    String error = null;
    int sandboxFailures = 0;
    for (int a = 0; a < p.attempts(); a++) {
      Map<String, Object> vars = new HashMap<>(Map.of("problem", problem, "variable", RESULT_VARIABLE,
          "retry", error != null, "previous_code", previousCode == null ? "" : previousCode,
          "error", error == null ? "" : error));
      Reply<Program> reply = llm.tryAsk(ctx.prompts().render("quality/math-program", vars), Program.class,
          StageRecords.key(NAME, record) + "/attempt/" + a);
      ObjectNode attempt = attempts.addObject().put("attempt", a);
      if (reply instanceof Reply.Invalid<Program> bad) {
        attempt.put("outcome", "invalid_reply").put("message", bad.reason());
        error = "your reply was not a valid program object (" + bad.reason() + ")";
        continue;
      }
      previousCode = ((Reply.Ok<Program>) reply).value().code();
      attempt.put("code", previousCode);
      ExecutionResult result = sandbox.run(previousCode, ctx.sandboxLimits(), RESULT_VARIABLE);
      if (result instanceof ExecutionResult.Failed f) {
        error = f.kind().name().toLowerCase(Locale.ROOT) + " error: " + f.message();
        attempt.put("outcome", f.kind().name().toLowerCase(Locale.ROOT)).put("message", f.message());
        if (isSandboxLimit(f) && ++sandboxFailures >= p.maxSandboxFailures()) {
          return giveUp(ctx, sandboxFailures, f, attempts);
        }
        continue;
      }
      String value = answerText((ExecutionResult.Ok) result);
      OptionalDouble computed = Numbers.parse(value);
      if (computed.isEmpty()) {
        error = "the program ran but `" + RESULT_VARIABLE + "` was not set to a number (value: " + value + ")";
        attempt.put("outcome", "no_number").put("message", error);
        continue;
      }
      attempt.put("outcome", "ok").put("value", value);
      return decide(record, ctx, answerField, computed.getAsDouble(), attempts);
    }
    tally.add("failed", ctx);
    ObjectNode findings = Json.object().put("status", "failed");
    findings.set("attempts", attempts);
    if (p.onFailure().equals("reject")) {
      return new StageOutcome.Drop("no program produced an answer in " + p.attempts() + " attempts; last error: "
          + error, null, findings);
    }
    findings.put("status", "unverified");
    return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
  }

  private static boolean isSandboxLimit(ExecutionResult.Failed failed) {
    return failed.kind() == ExecutionResult.Kind.TIMEOUT || failed.kind() == ExecutionResult.Kind.LIMIT;
  }

  /**
   * Rejects the item whatever {@code on_failure} says: programs that keep hitting the sandbox's limits are hostile or
   * hopeless, and another attempt would cost another timeout (issue 19: hostile replies made a run 20x slower).
   */
  private StageOutcome giveUp(StageContext ctx, int failures, ExecutionResult.Failed last, ArrayNode attempts) {
    tally.add("sandbox_gave_up", ctx);
    ObjectNode findings = Json.object().put("status", "sandbox_gave_up");
    findings.set("attempts", attempts);
    return new StageOutcome.Drop("sandbox gave up after " + failures + " failures; last: "
        + last.kind().name().toLowerCase(Locale.ROOT) + " error: " + last.message(), null, findings);
  }

  /** Keeps the label when the program agrees with it, otherwise replaces it with the program's answer. */
  private StageOutcome decide(DataRecord record, StageContext ctx, String answerField, double computed,
      ArrayNode attempts) {
    JsonNode label = record.data().get(answerField);
    OptionalDouble labelled = Numbers.of(label);
    ObjectNode findings = Json.object();
    findings.put("program_answer", computed);
    findings.set("attempts", attempts);
    if (labelled.isPresent() && Numbers.close(labelled.getAsDouble(), computed, p.tolerance())) {
      tally.add("verified", ctx);
      findings.put("status", "verified");
      return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
    }
    tally.add("corrected", ctx);
    findings.put("status", "corrected");
    findings.set("original_label", label);
    ObjectNode data = record.data().deepCopy();
    data.set(answerField, Numbers.format(computed, label));
    return new StageOutcome.Keep(StageRecords.annotate(record, data, NAME, findings), true);
  }

  /** The result variable, or the last printed line when the program only printed its answer. */
  private static String answerText(ExecutionResult.Ok ok) {
    if (ok.value() != null && !ok.value().isBlank() && !ok.value().equals("None")) {
      return ok.value().strip();
    }
    List<String> lines = ok.stdout().strip().lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }
}
