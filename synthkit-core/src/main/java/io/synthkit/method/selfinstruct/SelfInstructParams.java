package io.synthkit.method.selfinstruct;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parameters of the Self-Instruct baseline ({@code self-instruct:} section). Defaults follow the Self-Instruct run the
 * Data Advisor paper compares against (5 pool examples per prompt, 12 prompts per round, one new item per call,
 * temperature 0.9, top_p 0.95, at least 20 characters) and the Self-Instruct paper's filters (ROUGE-L F above 0.7
 * against the pool rejects; 3 words or fewer, or more than 150, rejects).
 *
 * @param examplesPerPrompt k: pool examples shown in each prompt
 * @param seedExamples how many of the k come from the seeds (the Self-Instruct paper used 6 of 8); empty means draw
 *     uniformly from the whole pool (the Data Advisor baseline)
 * @param batchSize prompts per round
 * @param itemsPerCall new items asked for in each prompt
 * @param fields the fields of an item; default: the fields of the first seed
 * @param textField the field the length and ROUGE-L filters look at; default: the first field
 * @param rougeThreshold reject when the best ROUGE-L F against the pool is strictly above this
 * @param minChars reject shorter texts
 * @param minWords reject texts with fewer words
 * @param maxWords reject texts with more words
 * @param temperature sampling temperature
 * @param topP nucleus sampling mass
 * @param maxTokens reply token limit; default 256 per requested item
 * @param maxIdleRounds stop after this many rounds in a row that add nothing
 */
public record SelfInstructParams(
    @JsonProperty("examples_per_prompt") @JsonPropertyDescription("k pool examples per prompt") Integer examplesPerPrompt,
    @JsonProperty("seed_examples") @JsonPropertyDescription("how many of k come from the seeds (unset: uniform)")
        @Nullable Integer seedExamples,
    @JsonProperty("batch_size") @JsonPropertyDescription("prompts per round") Integer batchSize,
    @JsonProperty("items_per_call") @JsonPropertyDescription("new items per prompt") Integer itemsPerCall,
    @JsonPropertyDescription("item fields (default: the first seed's)") List<String> fields,
    @JsonProperty("text_field") @JsonPropertyDescription("field checked by the filters (default: first field)")
        String textField,
    @JsonProperty("rouge_threshold") @JsonPropertyDescription("reject when ROUGE-L F > this") Double rougeThreshold,
    @JsonProperty("min_chars") @JsonPropertyDescription("reject shorter texts") Integer minChars,
    @JsonProperty("min_words") @JsonPropertyDescription("reject texts with fewer words") Integer minWords,
    @JsonProperty("max_words") @JsonPropertyDescription("reject texts with more words") Integer maxWords,
    @JsonPropertyDescription("sampling temperature") Double temperature,
    @JsonProperty("top_p") @JsonPropertyDescription("nucleus sampling mass") Double topP,
    @JsonProperty("max_tokens") @JsonPropertyDescription("reply token limit (default 256 per item)") Integer maxTokens,
    @JsonProperty("max_idle_rounds") @JsonPropertyDescription("stop after this many rounds adding nothing")
        Integer maxIdleRounds) {

  /** Fills defaults and checks ranges. */
  public SelfInstructParams {
    examplesPerPrompt = examplesPerPrompt == null ? 5 : examplesPerPrompt;
    batchSize = batchSize == null ? 12 : batchSize;
    itemsPerCall = itemsPerCall == null ? 1 : itemsPerCall;
    fields = fields == null ? null : List.copyOf(fields);
    rougeThreshold = rougeThreshold == null ? 0.7 : rougeThreshold;
    minChars = minChars == null ? 20 : minChars;
    minWords = minWords == null ? 4 : minWords;
    maxWords = maxWords == null ? 150 : maxWords;
    temperature = temperature == null ? 0.9 : temperature;
    topP = topP == null ? 0.95 : topP;
    maxTokens = maxTokens == null ? 256 * itemsPerCall : maxTokens;
    maxIdleRounds = maxIdleRounds == null ? 20 : maxIdleRounds;
    require(fields == null || (!fields.isEmpty() && new HashSet<>(fields).size() == fields.size()),
        "fields must be a non-empty list of distinct names: " + fields);
    require(examplesPerPrompt >= 1, "examples_per_prompt must be at least 1: " + examplesPerPrompt);
    require(seedExamples == null || (seedExamples >= 0 && seedExamples <= examplesPerPrompt),
        "seed_examples must be between 0 and examples_per_prompt: " + seedExamples);
    require(batchSize >= 1, "batch_size must be at least 1: " + batchSize);
    require(itemsPerCall >= 1 && itemsPerCall <= 50, "items_per_call must be in [1, 50]: " + itemsPerCall);
    require(rougeThreshold > 0 && rougeThreshold <= 1, "rouge_threshold must be in (0, 1]: " + rougeThreshold);
    require(minWords <= maxWords, "min_words must not exceed max_words: " + minWords + " > " + maxWords);
    require(maxIdleRounds >= 1, "max_idle_rounds must be at least 1: " + maxIdleRounds);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
