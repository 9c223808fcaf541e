package io.synthkit.llm;

/**
 * Tokens one call used, as the server reported them (or as synthkit counted them when the server did not).
 *
 * @param prompt tokens sent
 * @param completion tokens received, reasoning tokens included (as OpenAI reports and bills them)
 * @param reasoning the completion tokens a reasoning model spent thinking ({@code completion_tokens_details})
 * @param estimated true when synthkit counted them itself
 */
public record TokenUsage(long prompt, long completion, long reasoning, boolean estimated) {

  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, false);

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
   * Adds two usages (several requests for one call).
   *
   * @param o the other usage
   * @return the sum
   */
  public TokenUsage plus(TokenUsage o) {
    return new TokenUsage(prompt + o.prompt, completion + o.completion, reasoning + o.reasoning,
        estimated || o.estimated);
  }
}
