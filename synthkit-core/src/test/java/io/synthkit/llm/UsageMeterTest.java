package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Usage;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the gateway counts per role and stage, and the budget it checks against those counts. */
class UsageMeterTest {

  @Test
  void eachEvent_countsInItsOwnColumn_ofItsOwnRow() {
    UsageMeter m = new UsageMeter();
    m.success("gen", "draft", new TokenUsage(100, 20, 5, false, 30, 10), new Price.Charge(0.25, 0.05));
    m.success("gen", "draft", new TokenUsage(1, 2, 0, false), new Price.Charge(0.5, 0));
    m.cacheHit("gen", "draft");
    m.retry("gen", "draft");
    m.retry("gen", "draft");
    m.failure("gen", "draft");
    m.invalidReply("gen", "draft");
    m.repair("gen", "draft");
    m.repair("gen", "draft");
    m.repair("gen", "draft");
    Usage u = m.rows().get(new UsageMeter.Key("gen", "draft"));
    assertThat(u).isEqualTo(new Usage(2, 1, 2, 1, 1, 3, 101, 22, 0.75, 5, 30, 10, 0.05));
    assertThat(m.rows()).containsOnlyKeys(new UsageMeter.Key("gen", "draft"));
  }

  @Test
  void rows_areSortedByRoleThenStage_andSumByRoleByStageAndInTotal() {
    UsageMeter m = new UsageMeter();
    m.success("judge", "b", new TokenUsage(1, 0, false), new Price.Charge(1, 0));
    m.success("gen", "b", new TokenUsage(10, 0, false), new Price.Charge(2, 0));
    m.success("gen", "a", new TokenUsage(100, 0, false), new Price.Charge(4, 0));
    assertThat(m.rows().keySet()).containsExactly(new UsageMeter.Key("gen", "a"), new UsageMeter.Key("gen", "b"),
        new UsageMeter.Key("judge", "b"));
    assertThat(m.byRole()).containsOnlyKeys("gen", "judge");
    assertThat(m.byRole().get("gen").promptTokens()).isEqualTo(110);
    assertThat(m.byRole().get("judge").promptTokens()).isEqualTo(1);
    assertThat(m.byStage().keySet()).containsExactly("a", "b");
    assertThat(m.byStage().get("b").promptTokens()).isEqualTo(11);
    assertThat(m.total().promptTokens()).isEqualTo(111);
    assertThat(m.total().calls()).isEqualTo(3);
    assertThat(m.total().costUsd()).isEqualTo(7.0, within(1e-12));
  }

  @Test
  void keys_compareByRoleFirst() {
    assertThat(new UsageMeter.Key("a", "z")).isLessThan(new UsageMeter.Key("b", "a"));
    assertThat(new UsageMeter.Key("a", "a")).isLessThan(new UsageMeter.Key("a", "b"));
    assertThat(new UsageMeter.Key("a", "b").compareTo(new UsageMeter.Key("a", "b"))).isZero();
  }

  @Test
  void baseline_isWhereAResumedRunStartsCounting() {
    Usage every = new Usage(1, 2, 3, 4, 5, 6, 7, 8, 0.25, 9, 10, 11, 0.125);
    assertThat(new UsageMeter(Map.of(new UsageMeter.Key("gen", "s"), every)).total()).as("every column carried")
        .isEqualTo(every);
    Usage before = new Usage(3, 1, 0, 0, 0, 0, 300, 30, 1.5, 0);
    UsageMeter m = new UsageMeter(Map.of(new UsageMeter.Key("gen", "s"), before));
    m.success("gen", "s", new TokenUsage(10, 1, false), new Price.Charge(0.5, 0));
    assertThat(m.total().calls()).isEqualTo(4);
    assertThat(m.total().promptTokens()).isEqualTo(310);
    assertThat(m.total().costUsd()).isEqualTo(2.0, within(1e-12));
    assertThat(new UsageMeter().total()).isEqualTo(Usage.ZERO);
  }

  @Test
  void inFlight_countsCallsSentAndNotYetAnswered() {
    UsageMeter m = new UsageMeter();
    m.sending();
    m.sending();
    m.answered();
    assertThat(m.inFlight()).isEqualTo(1);
  }

  @Test
  void budgetCheck_stopsAtTheLimit_namingWhatRanOut() {
    Usage spent = new Usage(1, 0, 0, 0, 0, 0, 60, 40, 2.0, 0);
    new Budget(2.01, 101L).check(spent);
    Budget.UNLIMITED.check(spent);
    assertThatThrownBy(() -> new Budget(2.0, null).check(spent)).isInstanceOf(BudgetExhaustedException.class)
        .hasMessage("budget exhausted: spent $2.0000 of budget.max_cost_usd $2.0000; raise it and run the same command"
            + " to resume");
    assertThatThrownBy(() -> new Budget(null, 100L).check(spent))
        .hasMessage("budget exhausted: used 100 of budget.max_tokens 100; raise it and run the same command to resume");
    assertThat(Budget.UNLIMITED.unlimited()).isTrue();
    assertThat(new Budget(1.0, null).unlimited()).isFalse();
    assertThat(new Budget(null, 1L).unlimited()).isFalse();
    assertThatThrownBy(() -> new Budget(-0.5, null)).hasMessage("budget.max_cost_usd must not be negative: -0.5");
    assertThatThrownBy(() -> new Budget(null, -1L)).hasMessage("budget.max_tokens must not be negative: -1");
    new Budget(0.0, 0L);
  }

  @Test
  void ledger_refusesACallWhoseWorstCaseDoesNotFit_withNothingElseInFlight() {
    UsageMeter m = new UsageMeter();
    m.success("r", "s", new TokenUsage(60, 0, false), new Price.Charge(6, 0));
    BudgetLedger ledger = new BudgetLedger(new Budget(10.0, null), m);
    assertThat(ledger.limited()).isTrue();
    assertThat(new BudgetLedger(Budget.UNLIMITED, m).limited()).isFalse();
    BudgetLedger.Hold exact = ledger.reserve(new BudgetLedger.Worst(4, 0));
    exact.settle(null);
    assertThatThrownBy(() -> ledger.reserve(new BudgetLedger.Worst(4.5, 0)))
        .isInstanceOf(BudgetExhaustedException.class)
        .hasMessage("budget exhausted: spent $6.0000 of budget.max_cost_usd $10.0000, and the next call may cost up"
            + " to $4.5000 (its prompt plus the longest reply it allows), so it was not sent; raise it and run the same"
            + " command to resume");
    BudgetLedger tokens = new BudgetLedger(new Budget(null, 100L), m);
    tokens.reserve(new BudgetLedger.Worst(0, 40)).settle(null);
    assertThatThrownBy(() -> tokens.reserve(new BudgetLedger.Worst(0, 41)))
        .hasMessage("budget exhausted: used 60 of budget.max_tokens 100, and the next call may use up to 41 tokens"
            + " (its prompt plus the longest reply it allows), so it was not sent; raise it and run the same command"
            + " to resume");
  }

  @Test
  void ledger_countsHeldAmountsUntilSettled_andGrowsAHoldOnlyWhenItFits() {
    UsageMeter m = new UsageMeter();
    BudgetLedger ledger = new BudgetLedger(new Budget(10.0, 100L), m);
    BudgetLedger.Hold a = ledger.reserve(new BudgetLedger.Worst(3, 30));
    a.atLeast(new BudgetLedger.Worst(2, 20)); // smaller: nothing changes
    a.atLeast(new BudgetLedger.Worst(5, 50));
    BudgetLedger.Hold b = ledger.reserve(new BudgetLedger.Worst(5, 50));
    assertThatThrownBy(() -> b.atLeast(new BudgetLedger.Worst(5.5, 50))).hasMessageContaining("max_cost_usd");
    assertThatThrownBy(() -> b.atLeast(new BudgetLedger.Worst(5, 51))).hasMessageContaining("max_tokens");
    a.settle(() -> m.success("r", "s", new TokenUsage(10, 0, false), new Price.Charge(1, 0)));
    a.settle(null); // settling twice frees the hold once
    b.atLeast(new BudgetLedger.Worst(9, 90));
    b.settle(null);
    ledger.reserve(new BudgetLedger.Worst(9, 90)).settle(null);
    assertThatThrownBy(() -> ledger.reserve(new BudgetLedger.Worst(9.5, 0))).hasMessageContaining("max_cost_usd");
  }

  @Test
  void ledger_aCallThatDoesNotFitYet_waitsForTheCallsInFlight() throws Exception {
    UsageMeter m = new UsageMeter();
    BudgetLedger ledger = new BudgetLedger(new Budget(10.0, null), m);
    BudgetLedger.Hold first = ledger.reserve(new BudgetLedger.Worst(6, 0));
    AtomicReference<Thread> waiter = new AtomicReference<>();
    CompletableFuture<BudgetLedger.Hold> second = CompletableFuture.supplyAsync(() -> {
      waiter.set(Thread.currentThread());
      return ledger.reserve(new BudgetLedger.Worst(6, 0));
    });
    while (waiter.get() == null || waiter.get().getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(second).isNotDone();
    first.settle(() -> m.success("r", "s", new TokenUsage(1, 0, false), new Price.Charge(2, 0)));
    second.get().settle(null);
    assertThatThrownBy(() -> ledger.reserve(new BudgetLedger.Worst(8.5, 0))).hasMessageContaining("spent $2.0000");
  }

  @Test
  void ledger_aWaitingCallIsCancelledByAnInterrupt() throws Exception {
    BudgetLedger ledger = new BudgetLedger(new Budget(10.0, null), new UsageMeter());
    BudgetLedger.Hold first = ledger.reserve(new BudgetLedger.Worst(6, 0));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        ledger.reserve(new BudgetLedger.Worst(6, 0));
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    t.start();
    while (t.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    t.interrupt();
    t.join();
    assertThat(failure.get()).isInstanceOf(CancellationException.class)
        .hasMessage("interrupted while waiting for budget");
    first.settle(null);
  }
}
