package io.synthkit.method.aide;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parameters of AIDE ({@code aide:} section). Defaults follow the paper where it gives a value and the public code
 * ({@code Code4Graph/AIDE}) where the paper's numbers were lost; docs/methods/aide.md gives the provenance of each. The
 * persona pool and its top-k live in the shared top-level {@code personas:} section ({@link
 * io.synthkit.persona.PersonasConfig}).
 *
 * @param seeds how many seeds to expand; a larger seed file is sampled (paper: 10 per task)
 * @param depth K, the hop depth (paper: 2 in every main run)
 * @param attributes knowledge attributes extracted per node (code: 3)
 * @param extraTriplets extra triplets the extractor adds beyond the attributes (the code's KG expansion used 2; the
 *     paper describes none, so 0)
 * @param operations operations applied along each triplet
 * @param personaOperation operation folded into persona synthesis (paper Appendix K: a constraint), or {@code none}
 *     (the code)
 * @param residualDepth r, the residual connection depth
 * @param residualRule {@code paper} (2 <= k <= r+1, every path) or {@code code} (k > r, reasoning only)
 * @param demonstrations other seeds shown as task demonstrations in synthesis prompts
 * @param reflection grade and improve candidates (off = the ablation without self-reflection)
 * @param acceptThreshold accept a candidate whose 1-10 grade is strictly above this (code: 4)
 * @param maxImproveRelevance improvements allowed on an attribute path (code: 5)
 * @param maxImproveDiversity improvements allowed on a persona path (code: 20)
 * @param keepUnaccepted keep candidates never graded above the threshold (the code did; the paper rejects them)
 * @param maxChars shorten questions longer than this many characters, reject if still longer; 0 = no limit (code: 500)
 * @param answerFormat what the annotator writes
 * @param maxAnnotations annotation attempts until one passes the consistency check (code: 5)
 * @param questionField the seed field holding the question; output records use the same name
 * @param nodesPerBatch nodes expanded concurrently; fewer when the target is close, so a run stops with little waste
 */
public record AideParams(
    @JsonPropertyDescription("seeds to expand (a larger file is sampled)") Integer seeds,
    @JsonPropertyDescription("hop depth K") Integer depth,
    @JsonPropertyDescription("knowledge attributes extracted per node") Integer attributes,
    @JsonProperty("extra_triplets") @JsonPropertyDescription("extra triplets per node (the code's KG expansion: 2)")
        Integer extraTriplets,
    @JsonPropertyDescription("operations per triplet: concretizing, constraints, reasoning")
        List<Operation> operations,
    @JsonProperty("persona_operation")
    @JsonPropertyDescription("operation folded into persona synthesis, or none (the code)") String personaOperation,
    @JsonProperty("residual_depth") @JsonPropertyDescription("residual connection depth r") Integer residualDepth,
    @JsonProperty("residual_rule") @JsonPropertyDescription("paper (2<=k<=r+1, all paths) or code (k>r, reasoning)")
        ResidualRule residualRule,
    @JsonPropertyDescription("other seeds shown as task demonstrations") Integer demonstrations,
    @JsonPropertyDescription("grade and improve candidates (self-reflection)") Boolean reflection,
    @JsonProperty("accept_threshold") @JsonPropertyDescription("accept grades strictly above this (1-10 scale)")
        Integer acceptThreshold,
    @JsonProperty("max_improve_relevance") @JsonPropertyDescription("improvements allowed on attribute paths")
        Integer maxImproveRelevance,
    @JsonProperty("max_improve_diversity") @JsonPropertyDescription("improvements allowed on persona paths")
        Integer maxImproveDiversity,
    @JsonProperty("keep_unaccepted") @JsonPropertyDescription("keep items never graded above the threshold")
        Boolean keepUnaccepted,
    @JsonProperty("max_chars") @JsonPropertyDescription("question length limit in characters (0 = none)")
        Integer maxChars,
    @JsonProperty("answer_format") @JsonPropertyDescription("multiple_choice, yes_no or free_text")
        AnswerFormat answerFormat,
    @JsonProperty("max_annotations") @JsonPropertyDescription("annotation attempts until one is consistent")
        Integer maxAnnotations,
    @JsonProperty("question_field") @JsonPropertyDescription("seed field holding the question") String questionField,
    @JsonProperty("nodes_per_batch") @JsonPropertyDescription("nodes expanded concurrently") Integer nodesPerBatch) {

  /** Fills defaults and checks ranges. */
  public AideParams {
    seeds = seeds == null ? 10 : seeds;
    depth = depth == null ? 2 : depth;
    attributes = attributes == null ? 3 : attributes;
    extraTriplets = extraTriplets == null ? 0 : extraTriplets;
    operations = operations == null ? List.of(Operation.values()) : List.copyOf(operations);
    personaOperation = personaOperation == null ? Operation.CONSTRAINTS.wire() : personaOperation;
    residualDepth = residualDepth == null ? 1 : residualDepth;
    residualRule = residualRule == null ? ResidualRule.PAPER : residualRule;
    demonstrations = demonstrations == null ? 3 : demonstrations;
    reflection = reflection == null || reflection;
    acceptThreshold = acceptThreshold == null ? 4 : acceptThreshold;
    maxImproveRelevance = maxImproveRelevance == null ? 5 : maxImproveRelevance;
    maxImproveDiversity = maxImproveDiversity == null ? 20 : maxImproveDiversity;
    keepUnaccepted = keepUnaccepted != null && keepUnaccepted;
    maxChars = maxChars == null ? 500 : maxChars;
    answerFormat = answerFormat == null ? AnswerFormat.MULTIPLE_CHOICE : answerFormat;
    maxAnnotations = maxAnnotations == null ? 5 : maxAnnotations;
    questionField = questionField == null ? "question" : questionField;
    nodesPerBatch = nodesPerBatch == null ? 8 : nodesPerBatch;
    require(seeds >= 1, "seeds must be at least 1: " + seeds);
    require(depth >= 1 && depth <= 10, "depth must be in [1, 10]: " + depth);
    require(attributes >= 0 && attributes <= 20, "attributes must be in [0, 20]: " + attributes);
    require(extraTriplets >= 0 && extraTriplets <= 20, "extra_triplets must be in [0, 20]: " + extraTriplets);
    require(operations.size() == operations.stream().distinct().count(), "operations repeat: " + operations);
    require(!operations.isEmpty() || attributes + extraTriplets == 0,
        "operations must not be empty while attributes or extra_triplets are above 0");
    require(personaOperation.equals("none") || Operation.names().contains(personaOperation),
        "persona_operation must be none or one of " + Operation.names() + ": " + personaOperation);
    require(residualDepth >= 0, "residual_depth must not be negative: " + residualDepth);
    require(demonstrations >= 0, "demonstrations must not be negative: " + demonstrations);
    require(acceptThreshold >= 0 && acceptThreshold <= 9, "accept_threshold must be in [0, 9]: " + acceptThreshold);
    require(maxImproveRelevance >= 0, "max_improve_relevance must not be negative: " + maxImproveRelevance);
    require(maxImproveDiversity >= 0, "max_improve_diversity must not be negative: " + maxImproveDiversity);
    require(maxChars >= 0, "max_chars must not be negative: " + maxChars);
    require(maxAnnotations >= 1, "max_annotations must be at least 1: " + maxAnnotations);
    require(!questionField.isBlank(), "question_field must not be blank");
    require(nodesPerBatch >= 1, "nodes_per_batch must be at least 1: " + nodesPerBatch);
  }

  /** @return the operation persona paths use, or {@code null} for none */
  @Nullable Operation personaOp() {
    return personaOperation.equals("none") ? null : Operation.of(personaOperation);
  }

  /** @return triplets per node: attributes plus extra triplets */
  int triplets() {
    return attributes + extraTriplets;
  }

  /**
   * Returns the most children a node can have.
   *
   * @param personas personas retrieved per node
   * @return triplets × operations + personas
   */
  int branching(int personas) {
    return triplets() * operations.size() + personas;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
