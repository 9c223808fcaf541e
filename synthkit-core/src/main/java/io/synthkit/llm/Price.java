package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * What a model costs, in US dollars per million tokens, as the provider's price list states it.
 *
 * <p>Prompt tokens the provider read from its prompt cache cost {@code cachedInputPerMtok}; when it is not given,
 * 0.1 times the input price for Anthropic (its published cache-read price) and 0.5 times for OpenAI-compatible servers
 * (the ratio of the gpt-4o family; newer OpenAI models discount more, so give their price to be exact). Tokens written
 * to Anthropic's cache cost {@code cacheWriteInputPerMtok}, by default 1.25 times the input price (its 5-minute cache).
 *
 * @param inputPerMtok dollars per million prompt tokens
 * @param outputPerMtok dollars per million completion tokens
 * @param cachedInputPerMtok dollars per million prompt tokens read from the provider's prompt cache, or {@code null}
 *     for the provider's usual ratio
 * @param cacheWriteInputPerMtok dollars per million prompt tokens written to Anthropic's prompt cache, or
 *     {@code null} for 1.25 times the input price
 * @param batchDiscount the share of these prices a batch API call costs (default 0.5: OpenAI's and Anthropic's batch
 *     APIs charge half)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Price(
    @JsonProperty("input_per_mtok") @JsonPropertyDescription("USD per 1M prompt tokens") double inputPerMtok,
    @JsonProperty("output_per_mtok") @JsonPropertyDescription("USD per 1M completion tokens") double outputPerMtok,
    @JsonProperty("cached_input_per_mtok")
    @JsonPropertyDescription("USD per 1M prompt tokens read from the provider's prompt cache (default: 0.1x input for"
        + " anthropic, 0.5x for openai)") @Nullable Double cachedInputPerMtok,
    @JsonProperty("cache_write_input_per_mtok")
    @JsonPropertyDescription("USD per 1M prompt tokens written to Anthropic's prompt cache (default 1.25x input)")
    @Nullable Double cacheWriteInputPerMtok,
    @JsonProperty("batch_discount") @JsonPropertyDescription("share of the price a batch call costs (default 0.5)")
        @Nullable Double batchDiscount) {

  /** Free (self-hosted models and the simulator). */
  public static final Price FREE = new Price(0, 0);

  /** Anthropic's cache reads cost a tenth of the input price. */
  static final double ANTHROPIC_READ = 0.1;
  /** The gpt-4o family's cached input costs half the input price. */
  static final double OPENAI_READ = 0.5;
  /** Anthropic's 5-minute cache writes cost 1.25 times the input price. */
  static final double ANTHROPIC_WRITE = 1.25;

  /**
   * What one call cost.
   *
   * @param total dollars for the whole call
   * @param cached the part of {@code total} paid for prompt tokens read from or written to the provider's cache
   */
  public record Charge(double total, double cached) {

    /**
     * Returns this charge scaled, as a batch API's discount scales every part of the price.
     *
     * @param factor the share paid
     * @return the scaled charge
     */
    public Charge times(double factor) {
      return factor == 1 ? this : new Charge(total * factor, cached * factor);
    }
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
    if (inputPerMtok < 0 || outputPerMtok < 0 || (cachedInputPerMtok != null && cachedInputPerMtok < 0)
        || (cacheWriteInputPerMtok != null && cacheWriteInputPerMtok < 0)) {
      throw new IllegalArgumentException("prices must not be negative: " + inputPerMtok + ", " + outputPerMtok
          + ", " + cachedInputPerMtok + ", " + cacheWriteInputPerMtok);
    }
    if (batchDiscount != null && (batchDiscount < 0 || batchDiscount > 1)) {
      throw new IllegalArgumentException("price.batch_discount must be in [0, 1]: " + batchDiscount);
    }
  }

  /**
   * A price without cache prices (the provider's usual ratios apply).
   *
   * @param inputPerMtok dollars per million prompt tokens
   * @param outputPerMtok dollars per million completion tokens
   */
  public Price(double inputPerMtok, double outputPerMtok) {
    this(inputPerMtok, outputPerMtok, null, null, null);
  }

  /**
   * Returns the cost of a call without prompt caching.
   *
   * @param promptTokens tokens sent
   * @param completionTokens tokens received
   * @return dollars
   */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPerMtok + completionTokens * outputPerMtok) / 1_000_000.0;
  }

  /**
   * Returns the most a call with these token counts can cost: every prompt token at the dearer of the input and the
   * cache-write price (a prompt written to Anthropic's cache costs more than one that is not), every completion token
   * at the output price. Budgets reserve this before a call goes out.
   *
   * @param promptTokens tokens sent, at most
   * @param completionTokens tokens received, at most
   * @return dollars
   */
  public double worstCost(long promptTokens, long completionTokens) {
    double write = cacheWriteInputPerMtok != null ? cacheWriteInputPerMtok : inputPerMtok * ANTHROPIC_WRITE;
    return (promptTokens * Math.max(inputPerMtok, write) + completionTokens * outputPerMtok) / 1_000_000.0;
  }

  /**
   * Prices one call's usage: uncached prompt tokens at the input price, cache reads and writes at theirs, completion
   * tokens (reasoning included) at the output price. The one place usage becomes dollars.
   *
   * @param usage the call's tokens
   * @param provider the wire protocol, which decides the default cache ratios
   * @return the charge
   */
  public Charge charge(TokenUsage usage, @Nullable ProviderKind provider) {
    double read = cachedInputPerMtok != null ? cachedInputPerMtok
        : inputPerMtok * (provider == ProviderKind.ANTHROPIC ? ANTHROPIC_READ : OPENAI_READ);
    double write = cacheWriteInputPerMtok != null ? cacheWriteInputPerMtok : inputPerMtok * ANTHROPIC_WRITE;
    double cached = (usage.cached() * read + usage.cacheWrite() * write) / 1_000_000.0;
    return new Charge(cost(usage.uncachedPrompt(), usage.completion()) + cached, cached);
  }
}
