package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * The {@code embeddings:} section of a run config.
 *
 * @param provider {@code local} (in-process ONNX model; the default), {@code openai} (any OpenAI-compatible /v1/embeddings
 *     endpoint) or {@code hashing} (a lexical feature-hashing embedder with no model; for tests and tiny machines)
 * @param model model name: for {@code local} one of the bundled models, for {@code openai} the remote model id
 * @param baseUrl base URL of the OpenAI-compatible endpoint (provider {@code openai})
 * @param apiKey API key for the endpoint; usually {@code ${OPENAI_API_KEY}}; never written to disk
 * @param batchSize texts per batch
 * @param pricePerMtok USD per million input tokens of a paid provider ({@code openai}), or {@code null} for free; its
 *     calls then count toward the run's usage, cost and budget under the role {@code embeddings}
 */
public record EmbeddingsConfig(
    @JsonPropertyDescription("local | openai | hashing") String provider,
    @JsonPropertyDescription("model name (local: all-minilm-l6-v2-q)") @Nullable String model,
    @JsonProperty("base_url") @JsonPropertyDescription("OpenAI-compatible endpoint for provider openai")
        @Nullable String baseUrl,
    @JsonProperty("api_key") @JsonPropertyDescription("API key for provider openai (never written to disk)")
        @Nullable String apiKey,
    @JsonProperty("batch_size") @JsonPropertyDescription("texts per batch") @Nullable Integer batchSize,
    @JsonProperty("price_per_mtok")
    @JsonPropertyDescription("USD per 1M input tokens of a paid embeddings provider (openai); counted in usage, cost and"
        + " the budget") @Nullable Double pricePerMtok) {

  /** A section without a provider means the in-process model: {@code embeddings: {batch_size: 64}} tunes it. */
  public EmbeddingsConfig {
    if (provider == null || provider.isBlank()) {
      provider = "local";
    }
    if (pricePerMtok != null && pricePerMtok < 0) {
      throw new IllegalArgumentException("price_per_mtok must not be negative: " + pricePerMtok);
    }
  }

  /**
   * A section without a price (a free or in-process embedder).
   *
   * @param provider see the record
   * @param model see the record
   * @param baseUrl see the record
   * @param apiKey see the record
   * @param batchSize see the record
   */
  public EmbeddingsConfig(String provider, @Nullable String model, @Nullable String baseUrl,
      @Nullable String apiKey, @Nullable Integer batchSize) {
    this(provider, model, baseUrl, apiKey, batchSize, null);
  }

  /** The defaults: the in-process MiniLM model, batches of 32. */
  public static final EmbeddingsConfig DEFAULT = new EmbeddingsConfig("local", "all-minilm-l6-v2-q", null, null, 32);

  /**
   * Returns the batch size, or 32 when none is set.
   *
   * @return the batch size
   */
  public int batchSizeOrDefault() {
    return batchSize == null ? 32 : batchSize;
  }
}
