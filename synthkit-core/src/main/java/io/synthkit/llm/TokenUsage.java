package io.synthkit.llm;

/**
 * Tokens one call used, as the server reported them (or as synthkit counted them when the server did not).
 *
 * @param prompt tokens sent
 * @param completion tokens received
 * @param estimated true when synthkit counted them itself
 */
public record TokenUsage(long prompt, long completion, boolean estimated) {

  /** No tokens. */
  public static final TokenUsage ZERO = new TokenUsage(0, 0, false);

  /**
   * Returns prompt plus completion tokens.
   *
   * @return the total
   */
  public long total() {
    return prompt + completion;
  }
}
