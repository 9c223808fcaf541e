package io.synthkit.method.datagen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.quality.QualityStages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parameters of DataGen ({@code datagen:} section). Defaults follow the paper and its public code: 5 items per call
 * (paper Appendix E; code {@code batch_size}), 5 few-shot examples (code {@code few_shot_num}), k-means example
 * selection (paper §2.2), temperature 0.8 (the code's example configs; the paper's experiments used 0 for
 * reproducibility and show higher temperatures add diversity), and self-reflection on (code
 * {@code self_reflection: true}) as the one internal evaluation stage.
 *
 * @param batchSize items asked for in each generation call
 * @param examples few-shot examples shown per call (0 for none)
 * @param selection how examples are chosen: {@code kmeans}, {@code random} or {@code dispersion}
 * @param fields the item fields; default the first base item's fields without {@code id}/{@code uuid}
 * @param textField the main text field; default {@code text}, else {@code question}, else the first field
 * @param labelField the field holding the gold label; default {@code label} or {@code answer} when present; none
 *     means unlabelled data ("single text")
 * @param attributes attribute values to steer batches to (one value per batch, in turn)
 * @param extractAttributes ask the model for attribute values from the base data instead
 * @param attributeCount how many values to extract
 * @param temperature sampling temperature of generation calls
 * @param topP nucleus sampling mass of generation calls; unset leaves the provider's default
 * @param maxTokens reply token limit of a generation call; default 400 per requested item
 * @param parallelBatches generation calls per round, run concurrently
 * @param stages the internal evaluation, in the {@code quality:} list syntax; default {@code [reflection]}
 * @param maxIdleRounds stop after this many rounds in a row that add no item
 */
public record DataGenParams(
    @JsonProperty("batch_size") @JsonPropertyDescription("items per generation call") Integer batchSize,
    @JsonPropertyDescription("few-shot examples per call (0 = none)") Integer examples,
    @JsonPropertyDescription("kmeans | random | dispersion") String selection,
    @JsonPropertyDescription("item fields (default: the first base item's, minus id/uuid)") List<String> fields,
    @JsonProperty("text_field") @JsonPropertyDescription("main text field (default text, question or first)")
        String textField,
    @JsonProperty("label_field") @JsonPropertyDescription("gold label field (default label or answer, if present)")
        String labelField,
    @JsonPropertyDescription("attribute values; each batch is steered to one") List<String> attributes,
    @JsonProperty("extract_attributes") @JsonPropertyDescription("let the model extract attribute values")
        Boolean extractAttributes,
    @JsonProperty("attribute_count") @JsonPropertyDescription("attribute values to extract") Integer attributeCount,
    @JsonPropertyDescription("generation temperature") Double temperature,
    @JsonProperty("top_p") @JsonPropertyDescription("generation top_p (unset: provider default)") Double topP,
    @JsonProperty("max_tokens") @JsonPropertyDescription("generation reply token limit (default 400 per item)")
        Integer maxTokens,
    @JsonProperty("parallel_batches") @JsonPropertyDescription("generation calls per round") Integer parallelBatches,
    @JsonPropertyDescription("internal evaluation stages, quality: syntax") List<JsonNode> stages,
    @JsonProperty("max_idle_rounds") @JsonPropertyDescription("stop after this many rounds adding nothing")
        Integer maxIdleRounds) {

  /** The example selection strategies. */
  public static final Set<String> SELECTIONS = Set.of("kmeans", "random", "dispersion");

  /** Fills defaults and checks ranges. */
  public DataGenParams {
    batchSize = batchSize == null ? 5 : batchSize;
    examples = examples == null ? 5 : examples;
    selection = selection == null ? "kmeans" : selection;
    fields = fields == null ? null : List.copyOf(fields);
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
    extractAttributes = extractAttributes != null && extractAttributes;
    attributeCount = attributeCount == null ? 8 : attributeCount;
    temperature = temperature == null ? 0.8 : temperature;
    maxTokens = maxTokens == null ? 400 * batchSize : maxTokens;
    parallelBatches = parallelBatches == null ? 4 : parallelBatches;
    stages = stages == null ? List.of(Json.tree("reflection")) : List.copyOf(stages);
    maxIdleRounds = maxIdleRounds == null ? 10 : maxIdleRounds;
    require(fields == null || (!fields.isEmpty() && new HashSet<>(fields).size() == fields.size()),
        "fields must be a non-empty list of distinct names: " + fields);
    require(batchSize >= 1 && batchSize <= 50, "batch_size must be in [1, 50]: " + batchSize);
    require(examples >= 0, "examples must not be negative: " + examples);
    require(SELECTIONS.contains(selection), "selection must be kmeans, random or dispersion: " + selection);
    require(!(extractAttributes && !attributes.isEmpty()),
        "give attributes or set extract_attributes, not both");
    require(attributeCount >= 1 && attributeCount <= 100, "attribute_count must be in [1, 100]: " + attributeCount);
    require(temperature >= 0 && temperature <= 2, "temperature must be in [0, 2]: " + temperature);
    require(topP == null || (topP > 0 && topP <= 1), "top_p must be in (0, 1]: " + topP);
    require(parallelBatches >= 1 && parallelBatches <= 64, "parallel_batches must be in [1, 64]: " + parallelBatches);
    require(maxIdleRounds >= 1, "max_idle_rounds must be at least 1: " + maxIdleRounds);
    for (JsonNode s : stages) {
      String name = s.isTextual() ? s.asText() : s.isObject() && s.size() == 1 ? s.fieldNames().next() : null;
      require(name != null && QualityStages.names().contains(name), "stages: unknown or malformed stage " + s
          + "; available: " + String.join(", ", QualityStages.names()));
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
