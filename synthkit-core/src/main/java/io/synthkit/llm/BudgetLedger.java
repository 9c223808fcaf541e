package io.synthkit.llm;

import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Usage;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the run's spend under its {@link Budget}: before a call goes out it holds the call's worst-case cost and
 * tokens (prompt plus the largest reply the request allows), and the reply's actual usage replaces the hold. A call
 * whose worst case does not fit waits while other calls are in flight (their replies usually cost less than they
 * held); when nothing is in flight and it still does not fit, it never goes out and the run ends with
 * {@link BudgetExhaustedException}. So spend stays within the limits however many calls run at once.
 *
 * <p>Thread-safe (one lock; a check costs a meter sum, negligible next to an HTTP call).
 */
final class BudgetLedger {

  /**
   * A call's worst case.
   *
   * @param costUsd the most it can cost
   * @param tokens the most tokens it can use
   */
  record Worst(double costUsd, long tokens) {
    static final Worst NONE = new Worst(0, 0);
  }

  /** What one call holds; grows when the request that goes out allows a larger reply than first held. */
  final class Hold {
    private double cost;
    private long tokens;
    private boolean settled;

    private Hold(Worst w) {
      this.cost = w.costUsd();
      this.tokens = w.tokens();
    }

    /**
     * Raises the hold to a larger worst case (a retry that sends a larger limit); never waits, since the caller already
     * holds budget that others may be waiting for.
     *
     * @param w the worst case of the request about to go out
     * @throws BudgetExhaustedException when the larger worst case does not fit
     */
    void atLeast(Worst w) {
      synchronized (BudgetLedger.this) {
        double moreCost = Math.max(0, w.costUsd() - cost);
        long moreTokens = Math.max(0, w.tokens() - tokens);
        if (moreCost == 0 && moreTokens == 0) {
          return;
        }
        Usage spent = meter.total();
        String over = over(spent, new Worst(moreCost, moreTokens));
        if (over != null) {
          throw exhausted(spent, over, w);
        }
        cost += moreCost;
        tokens += moreTokens;
        heldCost += moreCost;
        heldTokens += moreTokens;
      }
    }

    /**
     * Records the call's actual usage (through {@code record}, under the ledger's lock, so no other call sees the
     * usage without the hold or the hold without the usage) and lets the hold go.
     *
     * @param record adds the actual usage to the meter; {@code null} for a call that got no reply
     */
    void settle(@Nullable Runnable record) {
      synchronized (BudgetLedger.this) {
        if (record != null) {
          record.run();
        }
        if (!settled) {
          settled = true;
          holds--;
          // Sums of doubles drift; with nothing in flight the held amount is exactly zero.
          heldCost = holds == 0 ? 0 : heldCost - cost;
          heldTokens -= tokens;
        }
        BudgetLedger.this.notifyAll();
      }
    }
  }

  private final Budget budget;
  private final UsageMeter meter;
  private double heldCost;
  private long heldTokens;
  private int holds;

  BudgetLedger(Budget budget, UsageMeter meter) {
    this.budget = budget;
    this.meter = meter;
  }

  /**
   * Tells whether there is a limit to keep.
   *
   * @return false for an unlimited budget (calls then hold nothing)
   */
  boolean limited() {
    return !budget.unlimited();
  }

  /**
   * Holds a call's worst case, waiting while calls in flight hold what it needs.
   *
   * @param w the call's worst case
   * @return the hold, to settle when the call ends
   * @throws BudgetExhaustedException when it cannot fit even with nothing in flight
   * @throws CancellationException when the thread is interrupted while waiting
   */
  synchronized Hold reserve(Worst w) {
    while (true) {
      Usage spent = meter.total();
      String over = over(spent, w);
      if (over == null) {
        heldCost += w.costUsd();
        heldTokens += w.tokens();
        holds++;
        return new Hold(w);
      }
      if (holds == 0) {
        throw exhausted(spent, over, w);
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for budget");
      }
    }
  }

  /** Names the limit a further {@code w} would pass, or {@code null} when it fits. */
  private @Nullable String over(Usage spent, Worst w) {
    if (budget.maxCostUsd() != null && spent.costUsd() + heldCost + w.costUsd() > budget.maxCostUsd()) {
      return "cost";
    }
    if (budget.maxTokens() != null && spent.tokens() + heldTokens + w.tokens() > budget.maxTokens()) {
      return "tokens";
    }
    return null;
  }

  private BudgetExhaustedException exhausted(Usage spent, String over, Worst w) {
    if (over.equals("cost")) {
      return new BudgetExhaustedException(String.format(Locale.ROOT, "budget exhausted: spent $%.4f of"
          + " budget.max_cost_usd $%.4f, and the next call may cost up to $%.4f (its prompt plus the longest reply it"
          + " allows), so it was not sent; raise it and run the same command to resume", spent.costUsd(),
          budget.maxCostUsd(), w.costUsd()));
    }
    return new BudgetExhaustedException("budget exhausted: used " + spent.tokens() + " of budget.max_tokens "
        + budget.maxTokens() + ", and the next call may use up to " + w.tokens() + " tokens (its prompt plus the"
        + " longest reply it allows), so it was not sent; raise it and run the same command to resume");
  }
}
