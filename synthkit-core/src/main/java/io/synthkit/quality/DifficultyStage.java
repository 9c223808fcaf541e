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
import io.synthkit.spi.Schema;
import io.synthkit.spi.StageContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * Difficulty enhancement (DataGen §2.4, the public code's {@code challenge.py}): in two calls a model first analyses
 * which of the four policies suit the item (paraphrase the question; add context that does not help to answer;
 * paraphrase the choices; add one plausible wrong choice), then rewrites it. The answer must not change: it is
 * compared after the rewrite, and when the model changed it (or removed choices, or moved the answer's choice) the
 * original is kept ({@code on_answer_change: keep_original}) or the item dropped ({@code reject}). The original and
 * the applied policies go to {@code meta.quality.difficulty}. Thread-safe.
 */
final class DifficultyStage implements QualityStage {

  static final String NAME = "difficulty";
  /** The paper's four policies, in its order. */
  static final List<String> POLICIES = List.of("paraphrase_question", "add_context", "paraphrase_choices",
      "add_choice");
  private static final List<String> CHOICE_POLICIES = List.of("paraphrase_choices", "add_choice");

  /**
   * Parameters.
   *
   * @param policies the policies the model may apply (default all four; choice policies only apply to items with
   *     options)
   * @param field the question field (default: the method's text field)
   * @param answerField the answer that must not change (default: detected)
   * @param optionsField the list of choices (default: detected, {@code options} or {@code choices})
   * @param onAnswerChange {@code keep_original} or {@code reject}
   * @param role the model role that analyses and rewrites
   */
  record Params(
      @JsonPropertyDescription("policies to allow (default all four)") List<String> policies,
      @JsonPropertyDescription("question field (default: the method's text field)") @Nullable String field,
      @JsonProperty("answer_field") @JsonPropertyDescription("answer that must not change (default: detected)")
          @Nullable String answerField,
      @JsonProperty("options_field") @JsonPropertyDescription("list of choices (default: options/choices)")
          @Nullable String optionsField,
      @JsonProperty("on_answer_change") @JsonPropertyDescription("keep_original | reject (default keep_original)")
          String onAnswerChange,
      @JsonPropertyDescription("model role (default checker)") String role) {

    Params {
      policies = policies == null ? POLICIES : List.copyOf(policies);
      onAnswerChange = onAnswerChange == null ? "keep_original" : onAnswerChange;
      role = role == null ? QualityStages.DEFAULT_ROLE : role;
      if (policies.isEmpty() || !POLICIES.containsAll(policies)) {
        throw new IllegalArgumentException("policies must be a non-empty subset of " + POLICIES + ": " + policies);
      }
      if (!onAnswerChange.equals("keep_original") && !onAnswerChange.equals("reject")) {
        throw new IllegalArgumentException("on_answer_change must be keep_original or reject: " + onAnswerChange);
      }
    }
  }

  private final Params p;
  private final StageTally tally = new StageTally(NAME, List.of("enhanced", "unchanged", "answer_changed"));

  DifficultyStage(Params p) {
    this.p = p;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutcome apply(DataRecord record, StageContext ctx) {
    ObjectNode original = record.data();
    String answerField = ItemFields.requireAnswer(NAME, p.answerField(), record);
    String optionsField = ItemFields.options(p.optionsField(), original);
    List<String> allowed = p.policies().stream().filter(x -> optionsField != null || !CHOICE_POLICIES.contains(x))
        .toList();
    ObjectNode findings = Json.object();
    if (allowed.isEmpty()) {
      return unchanged(record, ctx, findings.put("reason", "no policy applies to an item without choices"));
    }
    Llm llm = ctx.llm(p.role()).stage(NAME);
    String key = StageRecords.key(NAME, record);
    Map<String, Object> vars = new HashMap<>(Map.of("question_field", TextField.name(p.field(), ctx),
        "answer_field", answerField));
    allowed.forEach(x -> vars.put(x, true));
    Reply<JsonNode> analysed = llm.tryAsk(StagePrompts.render(ctx, "quality/difficulty-analyse", original, vars),
        analysisSchema(allowed), key + "/analyse");
    if (analysed instanceof Reply.Invalid<JsonNode> bad) {
      return new StageOutcome.Drop("analysis reply invalid: " + bad.reason(), bad.raw(), null);
    }
    JsonNode analysis = ((Reply.Ok<JsonNode>) analysed).value();
    List<String> applied = new ArrayList<>();
    analysis.path("applied_policies").forEach(n -> applied.add(n.asText()));
    findings.put("analysis", analysis.path("analysis").asText());
    findings.set("applied_policies", Json.tree(applied));
    if (applied.isEmpty()) {
      return unchanged(record, ctx, findings.put("reason", "the analysis applied no policy"));
    }
    Map<String, Object> rewriteVars = new HashMap<>(Map.of("analysis", findings.get("analysis").asText(),
        "policies", String.join(", ", applied), "answer_field", answerField));
    rewriteVars.put("options_field", optionsField);
    Reply<JsonNode> rewritten = llm.tryAsk(StagePrompts.render(ctx, "quality/difficulty-rewrite", original,
        rewriteVars),
        ItemFields.sameShape("harder_item", original), key + "/rewrite");
    if (rewritten instanceof Reply.Invalid<JsonNode> bad) {
      return new StageOutcome.Drop("rewrite reply invalid: " + bad.reason(), bad.raw(), findings);
    }
    ObjectNode harder = (ObjectNode) ((Reply.Ok<JsonNode>) rewritten).value();
    Optional<String> changed = answerProblem(original, harder, answerField, optionsField);
    if (changed.isPresent()) {
      String problem = changed.get();
      tally.add("answer_changed", ctx);
      findings.put("status", "answer_changed").put("problem", problem);
      findings.set("rejected_rewrite", harder);
      if (p.onAnswerChange().equals("reject")) {
        return new StageOutcome.Drop("the rewrite changed the answer: " + problem, null, findings);
      }
      return new StageOutcome.Keep(StageRecords.annotate(record, original, NAME, findings), false);
    }
    tally.add("enhanced", ctx);
    findings.put("status", "enhanced");
    findings.set("original", original);
    return new StageOutcome.Keep(StageRecords.annotate(record, harder, NAME, findings), !harder.equals(original));
  }

  private StageOutcome unchanged(DataRecord record, StageContext ctx, ObjectNode findings) {
    tally.add("unchanged", ctx);
    findings.put("status", "unchanged");
    return new StageOutcome.Keep(StageRecords.annotate(record, record.data(), NAME, findings), false);
  }

  /**
   * Returns why the rewrite's answer is not the original's, or empty when it is: the answer value must be equal
   * (numerically for numbers), no choice may disappear, and the choice the answer names must still be there.
   */
  static Optional<String> answerProblem(ObjectNode before, ObjectNode after, String answerField,
      @Nullable String optionsField) {
    String a = normal(before.path(answerField));
    String b = normal(after.path(answerField));
    OptionalDouble na = Numbers.of(before.path(answerField));
    OptionalDouble nb = Numbers.of(after.path(answerField));
    boolean numeric = a.matches("[-+$\\d.,/ %]+") && na.isPresent() && nb.isPresent();
    if (!(numeric ? Numbers.close(na.getAsDouble(), nb.getAsDouble(), 1e-9) : a.equals(b))) {
      return Optional.of("answer " + before.path(answerField) + " became " + after.path(answerField));
    }
    if (optionsField == null) {
      return Optional.empty();
    }
    JsonNode oldOptions = before.path(optionsField);
    JsonNode newOptions = after.path(optionsField);
    if (!newOptions.isArray() || newOptions.size() < oldOptions.size()) {
      return Optional.of("choices went from " + oldOptions.size() + " to "
          + (newOptions.isArray() ? newOptions.size() : 0));
    }
    if (a.matches("[a-z]")) {
      // A letter answer names a position; appending choices keeps it, reordering would not be detected by text.
      return a.charAt(0) - 'a' < newOptions.size() ? Optional.empty()
          : Optional.of("answer letter " + a + " has no choice");
    }
    boolean wasAChoice = contains(oldOptions, a);
    return wasAChoice && !contains(newOptions, a)
        ? Optional.of("the answer's choice \"" + a + "\" was reworded or removed") : Optional.empty();
  }

  private static boolean contains(JsonNode options, String normalised) {
    for (JsonNode o : options) {
      if (normal(o).equals(normalised)) {
        return true;
      }
    }
    return false;
  }

  private static String normal(JsonNode v) {
    String s = v.isTextual() ? v.asText() : v.isMissingNode() ? "" : v.toString();
    return s.strip().replaceAll("\\s+", " ").replaceAll("[.]$", "").toLowerCase(Locale.ROOT);
  }

  private static Schema analysisSchema(List<String> allowed) {
    ObjectNode root = Json.object().put("type", "object");
    ObjectNode props = root.putObject("properties");
    props.putObject("analysis").put("type", "string")
        .put("description", "how each suitable policy would make this item harder without changing its answer");
    ObjectNode list = props.putObject("applied_policies").put("type", "array")
        .put("description", "the policies to apply");
    ArrayNode names = list.putObject("items").put("type", "string").putArray("enum");
    allowed.forEach(names::add);
    root.putArray("required").add("analysis").add("applied_policies");
    root.put("additionalProperties", false);
    return Schema.json("difficulty_analysis", root);
  }
}
