package io.synthkit.method.advisor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.HashSet;
import java.util.List;

/**
 * Parameters of Data Advisor ({@code data-advisor:} section). A {@code preset} ({@code safety} or {@code calculus})
 * fills the domain values (principle, concept, item fields, responder); any value set here wins over the preset's.
 * Loop defaults follow the reference code (methods.md §1.2, §1.5): 12 items per iteration, 3 pool examples per prompt,
 * one item per iteration joins the pool, summary lines of at most 5 words, 1000 iterations at most. The summary input
 * default follows the paper (the new data), not the code (only the advice; methods.md §1.6). The item gates are ours:
 * the reference filtered nothing.
 *
 * @param preset {@code safety}, {@code calculus}, or empty for none
 * @param principle the guiding principle the advisor compares the summary against; required (a preset sets one)
 * @param concept what a summary line names, e.g. "harm category" (default "concept")
 * @param concepts the plural of {@code concept}, e.g. "harm categories" (default: the preset's when the concept is
 *     the preset's, else an English plural of {@code concept}; set it for irregular plurals)
 * @param itemDescription what one item is, for the generator (default: {@code data.description})
 * @param itemFields the fields the generator writes (default: the preset's, else the first seed's fields)
 * @param textField the field the gates, the summary and the responder read (default: the first item field)
 * @param categoryField the data field that receives the advised weakness (default "category")
 * @param responseField the data field the responder writes; empty string for no responder (default: the preset's)
 * @param responseGuide the responder's system instruction (default: the preset's, else a generic one)
 * @param summary a file with the initial summary, one concept per line (relative to the config file)
 * @param bootstrapSummary without a summary file, ask the advisor to summarise the seeds (else start empty)
 * @param summaryInput {@code data} (the paper: the new items) or {@code advice} (the code: only the weakness)
 * @param maxSummaryWords the most words a summary line may have
 * @param batchSize B: items generated per iteration
 * @param examplesPerPrompt k: pool examples shown in each generation prompt
 * @param poolAdd how many accepted items of each batch join the example pool, first ones first
 * @param sampling sampling per step
 * @param minChars reject items whose text is shorter
 * @param dedup {@code near} (exact and MinHash near duplicates), {@code exact}, or {@code none}; against the seeds
 *     and every earlier item
 * @param nearThreshold MinHash Jaccard similarity at or above which two texts are near duplicates
 * @param maxIterations stop after this many iterations even if the target is not reached
 * @param maxIdleIterations stop after this many iterations in a row that add no record
 */
public record DataAdvisorParams(
    @JsonPropertyDescription("safety | calculus (fills the domain values below)") String preset,
    @JsonPropertyDescription("guiding principle (required unless a preset sets it)") String principle,
    @JsonPropertyDescription("what a summary line names, e.g. harm category") String concept,
    @JsonPropertyDescription("plural of concept, e.g. harm categories (default: the preset's or an English plural)")
        String concepts,
    @JsonProperty("item_description") @JsonPropertyDescription("what one item is (default: data.description)")
        String itemDescription,
    @JsonProperty("item_fields") @JsonPropertyDescription("fields the generator writes (default: preset, else seeds)")
        List<String> itemFields,
    @JsonProperty("text_field") @JsonPropertyDescription("field gates and summary read (default: first item field)")
        String textField,
    @JsonProperty("category_field") @JsonPropertyDescription("data field holding the weakness (default category)")
        String categoryField,
    @JsonProperty("response_field") @JsonPropertyDescription("field the responder writes; \"\" for no responder")
        String responseField,
    @JsonProperty("response_guide") @JsonPropertyDescription("responder's system instruction (default: preset's, else generic)") String responseGuide,
    @JsonPropertyDescription("initial summary file, one concept per line") String summary,
    @JsonProperty("bootstrap_summary") @JsonPropertyDescription("without a summary file, summarise the seeds first")
        Boolean bootstrapSummary,
    @JsonProperty("summary_input") @JsonPropertyDescription("data (paper) | advice (reference code)")
        String summaryInput,
    @JsonProperty("max_summary_words") @JsonPropertyDescription("most words per summary line") Integer maxSummaryWords,
    @JsonProperty("batch_size") @JsonPropertyDescription("B: items per iteration") Integer batchSize,
    @JsonProperty("examples_per_prompt") @JsonPropertyDescription("k: pool examples per prompt")
        Integer examplesPerPrompt,
    @JsonProperty("pool_add") @JsonPropertyDescription("accepted items per batch that join the pool") Integer poolAdd,
    @JsonPropertyDescription("sampling per step: weakness, generation, summary, response") AdvisorSampling sampling,
    @JsonProperty("min_chars") @JsonPropertyDescription("reject shorter item texts") Integer minChars,
    @JsonPropertyDescription("near | exact | none, against seeds and earlier items") String dedup,
    @JsonProperty("near_threshold") @JsonPropertyDescription("MinHash Jaccard for near duplicates")
        Double nearThreshold,
    @JsonProperty("max_iterations") @JsonPropertyDescription("stop after this many iterations") Integer maxIterations,
    @JsonProperty("max_idle_iterations") @JsonPropertyDescription("stop after this many iterations adding nothing")
        Integer maxIdleIterations) {

  /** The generic responder instruction when neither the user nor a preset gives one. */
  static final String GENERIC_RESPONSE_GUIDE = "You are a helpful, honest and harmless assistant. Answer the request"
      + " well; if it asks for something harmful, decline that part and say briefly why.";

  /** Applies the preset, fills defaults and checks values. */
  public DataAdvisorParams {
    Preset p = Preset.named(preset == null || preset.isBlank() ? null : preset);
    // A missing principle is reported by the method (DataAdvisor.validate), not here: `synthkit methods` binds
    // an empty section to show the defaults, and that must not fail.
    principle = principle != null && !principle.isBlank() ? principle : p.principle();
    concept = concept != null ? concept : p.concept() != null ? p.concept() : "concept";
    // The preset's plural only fits the preset's concept; a user's own concept gets the regular English plural
    // unless the user spells it out (prompts said "harm categorys" when they appended an "s").
    concepts = concepts != null && !concepts.isBlank() ? concepts
        : concept.equals(p.concept()) ? p.concepts() : Plural.of(concept);
    itemDescription = itemDescription != null ? itemDescription : p.itemDescription();
    itemFields = itemFields != null ? List.copyOf(itemFields) : p.itemFields();
    textField = textField != null ? textField : itemFields != null && !itemFields.isEmpty() ? itemFields.get(0) : null;
    categoryField = categoryField != null ? categoryField : p.categoryField() != null ? p.categoryField()
        : "category";
    responseField = responseField != null ? responseField : p.responseField();
    responseField = responseField == null || responseField.isBlank() ? null : responseField;
    responseGuide = responseGuide != null ? responseGuide : p.responseGuide();
    bootstrapSummary = bootstrapSummary == null || bootstrapSummary;
    summaryInput = summaryInput == null ? "data" : summaryInput;
    maxSummaryWords = maxSummaryWords == null ? 5 : maxSummaryWords;
    batchSize = batchSize == null ? 12 : batchSize;
    examplesPerPrompt = examplesPerPrompt == null ? 3 : examplesPerPrompt;
    poolAdd = poolAdd == null ? 1 : poolAdd;
    sampling = AdvisorSampling.complete(sampling, p.responseMaxTokens() == null ? AdvisorSampling.RESPONSE_MAX_TOKENS
        : p.responseMaxTokens());
    minChars = minChars == null ? 20 : minChars;
    dedup = dedup == null ? "near" : dedup;
    nearThreshold = nearThreshold == null ? 0.8 : nearThreshold;
    maxIterations = maxIterations == null ? 1000 : maxIterations;
    maxIdleIterations = maxIdleIterations == null ? 10 : maxIdleIterations;
    require(summaryInput.equals("data") || summaryInput.equals("advice"), "summary_input must be data or advice: '"
        + summaryInput + "'");
    require(dedup.equals("near") || dedup.equals("exact") || dedup.equals("none"), "dedup must be near, exact or"
        + " none: '" + dedup + "'");
    require(itemFields == null || !itemFields.isEmpty(), "item_fields must not be empty");
    require(itemFields == null || new HashSet<>(itemFields).size() == itemFields.size(), "item_fields must be"
        + " distinct: " + itemFields);
    require(itemFields == null || itemFields.contains(textField), "text_field '" + textField + "' is not one of the"
        + " item_fields " + itemFields);
    require(itemFields == null || !itemFields.contains(categoryField), "category_field '" + categoryField + "' must"
        + " not be one of the item_fields " + itemFields + " (the method writes it)");
    require(itemFields == null || responseField == null || !itemFields.contains(responseField), "response_field '"
        + responseField + "' must not be one of the item_fields " + itemFields + " (the responder writes it)");
    require(!categoryField.equals(responseField), "category_field and response_field must differ: " + categoryField);
    require(maxSummaryWords >= 1, "max_summary_words must be at least 1: " + maxSummaryWords);
    require(batchSize >= 1, "batch_size must be at least 1: " + batchSize);
    require(examplesPerPrompt >= 0, "examples_per_prompt must not be negative: " + examplesPerPrompt);
    require(poolAdd >= 0, "pool_add must not be negative: " + poolAdd);
    require(minChars >= 0, "min_chars must not be negative: " + minChars);
    require(nearThreshold > 0 && nearThreshold <= 1, "near_threshold must be in (0, 1]: " + nearThreshold);
    require(maxIterations >= 1, "max_iterations must be at least 1: " + maxIterations);
    require(maxIdleIterations >= 1, "max_idle_iterations must be at least 1: " + maxIdleIterations);
  }

  /** @return true when a responder writes {@link #responseField()} for every item */
  boolean responds() {
    return responseField != null;
  }

  /** @return true when the summary update sees the new items (the paper), false for only the advice (the code) */
  boolean summarisesData() {
    return summaryInput.equals("data");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
