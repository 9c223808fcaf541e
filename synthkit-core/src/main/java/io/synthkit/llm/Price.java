package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What a model costs, in US dollars per million tokens, as the provider's price list states it.
 *
 * @param inputPerMtok dollars per million prompt tokens
 * @param outputPerMtok dollars per million completion tokens
 * @param batchDiscount the share of these prices a batch API call costs (default 0.5: OpenAI's and Anthropic's batch
 *     APIs charge half)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Price(
    @JsonProperty("input_per_mtok") @JsonPropertyDescription("USD per 1M prompt tokens") double inputPerMtok,
    @JsonProperty("output_per_mtok") @JsonPropertyDescription("USD per 1M completion tokens") double outputPerMtok,
    @JsonProperty("batch_discount") @JsonPropertyDescription("share of the price a batch call costs (default 0.5)")
        Double batchDiscount) {

  /** Free (self-hosted models and the simulator). */
  public static final Price FREE = new Price(0, 0);

  /**
   * A price with the default batch discount.
   *
   * @param inputPerMtok dollars per million prompt tokens
   * @param outputPerMtok dollars per million completion tokens
   */
  public Price(double inputPerMtok, double outputPerMtok) {
    this(inputPerMtok, outputPerMtok, null);
  }

  /**
   * Returns the share of the price a batch call costs.
   *
   * @return the discount factor, default 0.5
   */
  public double batchDiscountOrDefault() {
    return batchDiscount == null ? 0.5 : batchDiscount;
  }

  /** Rejects negative prices. */
  public Price {
    if (inputPerMtok < 0 || outputPerMtok < 0) {
      throw new IllegalArgumentException("prices must not be negative: " + inputPerMtok + ", " + outputPerMtok);
    }
    if (batchDiscount != null && (batchDiscount < 0 || batchDiscount > 1)) {
      throw new IllegalArgumentException("price.batch_discount must be in [0, 1]: " + batchDiscount);
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
