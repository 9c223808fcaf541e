package io.synthkit.llm;

import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Usage;

/**
 * The run's spending limits ({@code budget:} in the config). Checked before every real call; calls already in flight
 * when the limit is reached complete, so a run may overshoot by at most the cost of those calls.
 *
 * @param maxCostUsd dollar limit, or {@code null} for none
 * @param maxTokens token limit (prompt plus completion), or {@code null} for none
 */
public record Budget(
    @com.fasterxml.jackson.annotation.JsonProperty("max_cost_usd")
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("stop when this many dollars are spent")
        Double maxCostUsd,
    @com.fasterxml.jackson.annotation.JsonProperty("max_tokens")
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("stop when this many tokens are used") Long maxTokens) {

  /** No limits. */
  public static final Budget UNLIMITED = new Budget(null, null);

  /** Rejects negative limits. */
  public Budget {
    if (maxCostUsd != null && maxCostUsd < 0) {
      throw new IllegalArgumentException("budget.max_cost_usd must not be negative: " + maxCostUsd);
    }
    if (maxTokens != null && maxTokens < 0) {
      throw new IllegalArgumentException("budget.max_tokens must not be negative: " + maxTokens);
    }
  }

  /**
   * Tells whether no limit is set.
   *
   * @return true when neither limit is set
   */
  public boolean unlimited() {
    return maxCostUsd == null && maxTokens == null;
  }

  /**
   * Throws when the usage so far has reached a limit.
   *
   * @param spent the run's usage so far
   * @throws BudgetExhaustedException naming the limit and the amount spent
   */
  public void check(Usage spent) {
    if (maxCostUsd != null && spent.costUsd() >= maxCostUsd) {
      throw new BudgetExhaustedException(String.format(java.util.Locale.ROOT,
          "budget exhausted: spent $%.4f of budget.max_cost_usd $%.4f; raise it and run the same command to resume",
          spent.costUsd(), maxCostUsd));
    }
    if (maxTokens != null && spent.tokens() >= maxTokens) {
      throw new BudgetExhaustedException("budget exhausted: used " + spent.tokens() + " of budget.max_tokens "
          + maxTokens + "; raise it and run the same command to resume");
    }
  }
}
