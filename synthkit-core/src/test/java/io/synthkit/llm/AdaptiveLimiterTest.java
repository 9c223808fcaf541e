package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The concurrency limit: it starts at the maximum, shrinks when replies slow down or the server is overloaded. */
class AdaptiveLimiterTest {

  @Test
  void theMaximumIsAtLeastOne() {
    assertThatThrownBy(() -> new AdaptiveLimiter(0, true)).hasMessage("max_concurrency must be at least 1: 0");
    assertThat(new AdaptiveLimiter(1, true).currentLimit()).isEqualTo(1);
  }

  @Test
  void slowerRepliesPerToken_lowerTheLimit_andSteadyOnesKeepItAtTheMaximum() throws Exception {
    AdaptiveLimiter limiter = new AdaptiveLimiter(100, true);
    limiter.acquire();
    limiter.onSuccess(1_000, 1_000); // 1 ns per token: the baseline
    assertThat(limiter.currentLimit()).isEqualTo(100);
    limiter.acquire();
    limiter.onSuccess(100_000, 1_000); // 100 ns per token
    // short-term 10.9, long-term 1.99: the gradient is floored at 0.5, so 0.8 * 100 + 0.2 * (50 + 10) = 92
    assertThat(limiter.currentLimit()).isEqualTo(92);
    limiter.acquire();
    limiter.onSuccess(100_000, 0); // no tokens counts as one: 100,000 ns per token
    assertThat(limiter.currentLimit()).isLessThan(92);
    AdaptiveLimiter fixed = new AdaptiveLimiter(100, false);
    fixed.acquire();
    fixed.onSuccess(1_000, 1_000);
    fixed.acquire();
    fixed.onSuccess(100_000, 1_000);
    assertThat(fixed.currentLimit()).isEqualTo(100);
  }

  @Test
  void anOverload_halvesTheLimit_unlessItIsFixed() throws Exception {
    AdaptiveLimiter limiter = new AdaptiveLimiter(9, true);
    limiter.acquire();
    limiter.onOverload();
    assertThat(limiter.currentLimit()).isEqualTo(4);
    AdaptiveLimiter one = new AdaptiveLimiter(1, true);
    one.acquire();
    one.onOverload();
    assertThat(one.currentLimit()).isEqualTo(1);
    AdaptiveLimiter fixed = new AdaptiveLimiter(9, false);
    fixed.acquire();
    fixed.onOverload();
    assertThat(fixed.currentLimit()).isEqualTo(9);
  }

  @Test
  void acquire_waitsWhileTheLimitIsInFlight_andAnyReleaseLetsTheNextCallGo() throws Exception {
    AdaptiveLimiter limiter = new AdaptiveLimiter(2, false);
    limiter.acquire();
    limiter.acquire();
    AtomicBoolean through = new AtomicBoolean();
    Thread third = new Thread(() -> {
      try {
        limiter.acquire();
        through.set(true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    third.start();
    while (third.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertThat(through).isFalse();
    limiter.onIgnore();
    third.join();
    assertThat(through).isTrue();
    assertThat(limiter.currentLimit()).isEqualTo(2);
  }
}
