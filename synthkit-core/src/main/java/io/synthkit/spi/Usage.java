package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Counters for a role, a stage or a whole run.
 *
 * @param calls completed requests to a server (cache hits excluded)
 * @param cacheHits calls answered from the run's response cache (free)
 * @param retries retried requests (429, 5xx, timeouts, connection errors)
 * @param failures calls that failed for good
 * @param invalidReplies replies that did not parse or did not match the schema
 * @param repairs re-asks sent after an invalid reply
 * @param promptTokens tokens sent
 * @param completionTokens tokens received, reasoning tokens included
 * @param costUsd dollars, from the configured price
 * @param reasoningTokens completion tokens reasoning models spent thinking (billed as completion tokens)
 * @param cachedTokens prompt tokens the provider read from its prompt cache (inside {@code promptTokens}); not to be
 *     confused with {@code cacheHits}, synthkit's own response cache
 * @param cacheWriteTokens prompt tokens written to the provider's prompt cache (Anthropic; inside {@code promptTokens})
 * @param cachedCostUsd the part of {@code costUsd} paid for cached and cache-write prompt tokens
 */
public record Usage(
    long calls,
    @JsonProperty("cache_hits") long cacheHits,
    long retries,
    long failures,
    @JsonProperty("invalid_replies") long invalidReplies,
    long repairs,
    @JsonProperty("prompt_tokens") long promptTokens,
    @JsonProperty("completion_tokens") long completionTokens,
    @JsonProperty("cost_usd") double costUsd,
    @JsonProperty("reasoning_tokens") long reasoningTokens,
    @JsonProperty("cached_tokens") long cachedTokens,
    @JsonProperty("cache_write_tokens") long cacheWriteTokens,
    @JsonProperty("cached_cost_usd") double cachedCostUsd) {

  /** All zero. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * Counters without provider prompt caching.
   *
   * @param calls completed requests
   * @param cacheHits calls answered from the run's response cache
   * @param retries retried requests
   * @param failures calls that failed for good
   * @param invalidReplies invalid replies
   * @param repairs re-asks
   * @param promptTokens tokens sent
   * @param completionTokens tokens received
   * @param costUsd dollars
   * @param reasoningTokens reasoning tokens inside {@code completionTokens}
   */
  public Usage(long calls, long cacheHits, long retries, long failures, long invalidReplies, long repairs,
      long promptTokens, long completionTokens, double costUsd, long reasoningTokens) {
    this(calls, cacheHits, retries, failures, invalidReplies, repairs, promptTokens, completionTokens, costUsd,
        reasoningTokens, 0, 0, 0);
  }

  /**
   * Adds two usages.
   *
   * @param o the other usage
   * @return the sum
   */
  public Usage plus(Usage o) {
    return new Usage(calls + o.calls, cacheHits + o.cacheHits, retries + o.retries, failures + o.failures,
        invalidReplies + o.invalidReplies, repairs + o.repairs, promptTokens + o.promptTokens,
        completionTokens + o.completionTokens, costUsd + o.costUsd, reasoningTokens + o.reasoningTokens,
        cachedTokens + o.cachedTokens, cacheWriteTokens + o.cacheWriteTokens, cachedCostUsd + o.cachedCostUsd);
  }

  /**
   * Returns prompt plus completion tokens.
   *
   * @return the total tokens
   */
  public long tokens() {
    return promptTokens + completionTokens;
  }
}
