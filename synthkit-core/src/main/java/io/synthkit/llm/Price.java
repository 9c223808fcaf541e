package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What a model costs, in US dollars per million tokens, as the provider's price list states it.
 *
 * @param inputPerMtok dollars per million prompt tokens
 * @param outputPerMtok dollars per million completion tokens
 */
public record Price(
    @JsonProperty("input_per_mtok") @JsonPropertyDescription("USD per 1M prompt tokens") double inputPerMtok,
    @JsonProperty("output_per_mtok") @JsonPropertyDescription("USD per 1M completion tokens") double outputPerMtok) {

  /** Free (self-hosted models and the simulator). */
  public static final Price FREE = new Price(0, 0);

  /** Rejects negative prices. */
  public Price {
    if (inputPerMtok < 0 || outputPerMtok < 0) {
      throw new IllegalArgumentException("prices must not be negative: " + inputPerMtok + ", " + outputPerMtok);
    }
  }

  /**
   * Returns the cost of a call.
   *
   * @param promptTokens tokens sent
   * @param completionTokens tokens received
   * @return dollars
   */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPerMtok + completionTokens * outputPerMtok) / 1_000_000.0;
  }
}
