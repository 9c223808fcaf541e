package io.synthkit.method.selfref;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parameters of self-reference data creation ({@code self-reference:} section). Defaults follow the paper and the
 * public code where they say something (5 examples per call, temperature 1 and top_p 1 as the paper states); the caps
 * on retries, fallbacks and level re-runs are ours, because the code retried forever.
 *
 * @param example the formatting example, inline; when absent, {@code data.seeds} names a file holding it
 * @param labelSpace {@code fixed} (identical options in every example) or {@code variant} (per-example options)
 * @param questionField the question key; default: the example's key named question (any case)
 * @param optionsField the options key; default: options or choices
 * @param answerField the answer key; default: answer or label
 * @param instruction the task description shown to the model; default {@code data.description}
 * @param strategy how the next formatting example is chosen: naive, random, contrastive, similar, tree
 * @param examplesPerCall N: new examples asked for in each call
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param maxTokens reply token limit; default 256 per requested example
 * @param maxRetries extra calls (new sample keys) for a formatting example whose call gave no valid example
 * @param maxFallbacks stop after this many fallbacks to the seed in a row with nothing accepted in between
 * @param maxLevelReruns tree: re-runs of a level whose calls accepted nothing, before falling back to the seed
 * @param levelBatch tree: formatting examples of a level called at once (results are consumed in level order)
 * @param nearDuplicateThreshold reject a question whose estimated word Jaccard with an earlier one is at least this;
 *     unset: exact duplicates only
 * @param balanceLabels reject examples whose label is over-represented and ask for the under-represented ones
 * @param balanceMaxGap with balanceLabels: the most frequent label may lead the least frequent by at most this many
 *     records; default N
 */
public record SelfReferenceParams(
    @JsonPropertyDescription("the formatting example (inline JSON object; else data.seeds names its file)")
        ObjectNode example,
    @JsonProperty("label_space") @JsonPropertyDescription("fixed (same options every example) | variant (same count)")
        String labelSpace,
    @JsonProperty("question_field") @JsonPropertyDescription("question key (default: detected)") String questionField,
    @JsonProperty("options_field") @JsonPropertyDescription("options key (default: options or choices)")
        String optionsField,
    @JsonProperty("answer_field") @JsonPropertyDescription("answer key (default: answer or label)") String answerField,
    @JsonPropertyDescription("task description for the model (default: data.description)") String instruction,
    @JsonPropertyDescription("naive | random | contrastive | similar | tree") String strategy,
    @JsonProperty("examples_per_call") @JsonPropertyDescription("N new examples per call") Integer examplesPerCall,
    @JsonPropertyDescription("sampling temperature") Double temperature,
    @JsonProperty("top_p") @JsonPropertyDescription("nucleus sampling mass") Double topP,
    @JsonProperty("max_tokens") @JsonPropertyDescription("reply token limit (default 256 per example)")
        Integer maxTokens,
    @JsonProperty("max_retries") @JsonPropertyDescription("extra calls when a call yields no valid example")
        Integer maxRetries,
    @JsonProperty("max_fallbacks") @JsonPropertyDescription("stop after this many fruitless fallbacks to the seed")
        Integer maxFallbacks,
    @JsonProperty("max_level_reruns") @JsonPropertyDescription("tree: re-runs of a level that accepted nothing")
        Integer maxLevelReruns,
    @JsonProperty("level_batch") @JsonPropertyDescription("tree: formatting examples called at once")
        Integer levelBatch,
    @JsonProperty("near_duplicate_threshold") @JsonPropertyDescription("reject questions with word Jaccard >= this")
        Double nearDuplicateThreshold,
    @JsonProperty("balance_labels") @JsonPropertyDescription("keep label counts within balance_max_gap")
        Boolean balanceLabels,
    @JsonProperty("balance_max_gap") @JsonPropertyDescription("max lead of the most over the least frequent label")
        Integer balanceMaxGap) {

  /** Fills defaults and checks ranges. */
  public SelfReferenceParams {
    example = example == null ? null : example.deepCopy();
    strategy = strategy == null ? Strategy.TREE.wire() : strategy;
    examplesPerCall = examplesPerCall == null ? 5 : examplesPerCall;
    temperature = temperature == null ? 1.0 : temperature;
    topP = topP == null ? 1.0 : topP;
    maxTokens = maxTokens == null ? 256 * examplesPerCall : maxTokens;
    maxRetries = maxRetries == null ? 3 : maxRetries;
    maxFallbacks = maxFallbacks == null ? 3 : maxFallbacks;
    maxLevelReruns = maxLevelReruns == null ? 2 : maxLevelReruns;
    levelBatch = levelBatch == null ? 16 : levelBatch;
    balanceLabels = balanceLabels != null && balanceLabels;
    balanceMaxGap = balanceMaxGap == null ? examplesPerCall : balanceMaxGap;
    Strategy.of(strategy);
    if (labelSpace != null) {
      LabelSpace.of(labelSpace);
    }
    require(examplesPerCall >= 1 && examplesPerCall <= 50, "examples_per_call must be in [1, 50]: " + examplesPerCall);
    require(temperature >= 0 && temperature <= 2, "temperature must be in [0, 2]: " + temperature);
    require(topP >= 0 && topP <= 1, "top_p must be in [0, 1]: " + topP);
    require(maxTokens >= 1, "max_tokens must be positive: " + maxTokens);
    require(maxRetries >= 0, "max_retries must not be negative: " + maxRetries);
    require(maxFallbacks >= 1, "max_fallbacks must be at least 1: " + maxFallbacks);
    require(maxLevelReruns >= 0, "max_level_reruns must not be negative: " + maxLevelReruns);
    require(levelBatch >= 1, "level_batch must be at least 1: " + levelBatch);
    require(nearDuplicateThreshold == null || (nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1),
        "near_duplicate_threshold must be in (0, 1]: " + nearDuplicateThreshold);
    require(balanceMaxGap >= 1, "balance_max_gap must be at least 1: " + balanceMaxGap);
  }

  /** @return the parsed strategy */
  Strategy strategyValue() {
    return Strategy.of(strategy);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
