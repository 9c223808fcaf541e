package io.synthkit.llm;

import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The run's spending limits ({@code budget:} in the config), kept as a promise: before a real call goes out the
 * gateway holds its worst-case cost and tokens (prompt plus the longest reply the request allows, at the role's price)
 * and a call that cannot get that hold is not sent, so spend never passes a limit however many calls are in flight.
 * The prompt is counted with o200k plus headroom; only a provider whose tokenizer counts more than a fifth above that
 * could bill past the limit.
 *
 * @param maxCostUsd dollar limit, or {@code null} for none
 * @param maxTokens token limit (prompt plus completion), or {@code null} for none
 */
public record Budget(
    @com.fasterxml.jackson.annotation.JsonProperty("max_cost_usd")
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("stop when this many dollars are spent")
        @Nullable Double maxCostUsd,
    @com.fasterxml.jackson.annotation.JsonProperty("max_tokens")
    @com.fasterxml.jackson.annotation.JsonPropertyDescription("stop when this many tokens are used")
        @Nullable Long maxTokens) {

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
