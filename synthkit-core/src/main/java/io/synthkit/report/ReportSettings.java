package io.synthkit.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The {@code report:} config section: whether a run writes {@code report.html} when it ends, and its sample sizes.
 *
 * @param enabled write the report at the end of every run (default true)
 * @param embeddingSample texts embedded for the embedding metrics and map (default 1000)
 * @param selfBleuSample texts scored by Self-BLEU (default 1000)
 * @param records records shown in the browsable sample (default 200)
 */
public record ReportSettings(
    @JsonPropertyDescription("write report.html at the end of every run") Boolean enabled,
    @JsonProperty("embedding_sample") @JsonPropertyDescription("texts embedded for the embedding map and metrics")
        Integer embeddingSample,
    @JsonProperty("self_bleu_sample") @JsonPropertyDescription("texts scored by Self-BLEU") Integer selfBleuSample,
    @JsonPropertyDescription("records in the browsable sample") Integer records) {

  private static final int DEFAULT_SAMPLE = 1000;
  private static final int DEFAULT_RECORDS = 200;

  /** The defaults. */
  public static final ReportSettings DEFAULT = new ReportSettings(true, DEFAULT_SAMPLE, DEFAULT_SAMPLE, DEFAULT_RECORDS);

  /** Fills defaults and checks ranges. */
  public ReportSettings {
    enabled = enabled == null || enabled;
    embeddingSample = embeddingSample == null ? DEFAULT_SAMPLE : embeddingSample;
    selfBleuSample = selfBleuSample == null ? DEFAULT_SAMPLE : selfBleuSample;
    records = records == null ? DEFAULT_RECORDS : records;
    if (embeddingSample < 2 || selfBleuSample < 2) {
      throw new IllegalArgumentException("embedding_sample and self_bleu_sample must be at least 2: "
          + embeddingSample + ", " + selfBleuSample);
    }
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative: " + records);
    }
  }
}
