package io.synthkit.llm;

/**
 * Tokens one call used, as the server reported them (or as synthkit counted them when the server did not).
 *
 * @param prompt tokens sent
 * @param completion tokens received, reasoning tokens included (as OpenAI reports and bills them)
 * @param reasoning the completion tokens a reasoning model spent thinking ({@code completion_tokens_details})
 * @param estimated true when synthkit counted them itself
 * @param cached prompt tokens the provider read from its prompt cache (OpenAI's
 *     {@code prompt_tokens_details.cached_tokens}, Anthropic's {@code cache_read_input_tokens}); inside {@code prompt}
 * @param cacheWrite prompt tokens the provider wrote to its prompt cache (Anthropic's
 *     {@code cache_creation_input_tokens}, billed above the input price); inside {@code prompt}
 */
public record TokenUsage(long prompt, long completion, long reasoning, boolean estimated, long cached,
    long cacheWrite) {

  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, false);

  /**
   * Usage without prompt caching.
   *
   * @param prompt tokens sent
   * @param completion tokens received
   * @param reasoning reasoning tokens inside {@code completion}
   * @param estimated true when synthkit counted them itself
   */
  public TokenUsage(long prompt, long completion, long reasoning, boolean estimated) {
    this(prompt, completion, reasoning, estimated, 0, 0);
  }

  /**
   * Usage without reasoning tokens.
   *
   * @param prompt tokens sent
   * @param completion tokens received
   * @param estimated true when synthkit counted them itself
   */
  public TokenUsage(long prompt, long completion, boolean estimated) {
    this(prompt, completion, 0, estimated);
  }

  /**
   * Returns prompt plus completion tokens.
   *
   * @return the total
   */
  public long total() {
    return prompt + completion;
  }

  /**
   * Returns the prompt tokens billed at the plain input price.
   *
   * @return prompt tokens neither read from nor written to the provider's prompt cache
   */
  public long uncachedPrompt() {
    return Math.max(0, prompt - cached - cacheWrite);
  }

  /**
   * Adds two usages (several requests for one call).
   *
   * @param o the other usage
   * @return the sum
   */
  public TokenUsage plus(TokenUsage o) {
    return new TokenUsage(prompt + o.prompt, completion + o.completion, reasoning + o.reasoning,
        estimated || o.estimated, cached + o.cached, cacheWrite + o.cacheWrite);
  }
}
