package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowControlTest {

  @Test
  void rateLimiter_waitsOnlyOnceTheMinutesBudgetIsSpent() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    RateLimiter rpm = new RateLimiter(60, waits::add);
    for (int i = 0; i < 60; i++) {
      rpm.acquire(1);
    }
    assertThat(waits).isEmpty();
    rpm.acquire(1);
    assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(900_000_000L, 1_100_000_000L));
  }

  @Test
  void rateLimiter_refundReturnsUnusedTokens() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    RateLimiter tpm = new RateLimiter(1000, waits::add);
    tpm.acquire(1000);
    tpm.refund(600);
    tpm.acquire(500);
    assertThat(waits).isEmpty();
    tpm.acquire(500);
    assertThat(waits).hasSize(1);
  }

  @Test
  void rateLimiter_zeroMeansUnlimited() throws InterruptedException {
    List<Long> waits = new ArrayList<>();
    RateLimiter none = new RateLimiter(0, waits::add);
    for (int i = 0; i < 10_000; i++) {
      none.acquire(100);
    }
    assertThat(none.unlimited()).isTrue();
    assertThat(waits).isEmpty();
  }

  @Test
  void adaptiveLimiter_halvesOnOverloadAndRecoversWhenHealthy() throws InterruptedException {
    AdaptiveLimiter l = new AdaptiveLimiter(64, true);
    assertThat(l.currentLimit()).isEqualTo(64);
    l.acquire();
    l.onOverload();
    assertThat(l.currentLimit()).isEqualTo(32);
    l.acquire();
    l.onOverload(); // within the same window: no second cut
    assertThat(l.currentLimit()).isEqualTo(32);
    for (int i = 0; i < 500; i++) {
      l.acquire();
      l.onSuccess(10_000_000L, 20);
    }
    assertThat(l.currentLimit()).isEqualTo(64);
  }

  @Test
  void adaptiveLimiter_shrinksWhenLatencyInflates() throws InterruptedException {
    AdaptiveLimiter l = new AdaptiveLimiter(64, true);
    for (int i = 0; i < 300; i++) {
      l.acquire();
      l.onSuccess(10_000_000L, 20);
    }
    for (int i = 0; i < 60; i++) {
      l.acquire();
      l.onSuccess(80_000_000L, 20); // a self-hosted server queueing: 8x slower per token, no 429
    }
    assertThat(l.currentLimit()).isLessThan(48);
  }

  @Test
  void adaptiveLimiter_staysFixedWhenNotAdaptive() throws InterruptedException {
    AdaptiveLimiter l = new AdaptiveLimiter(8, false);
    l.acquire();
    l.onOverload();
    assertThat(l.currentLimit()).isEqualTo(8);
  }

  @Test
  void backoff_honoursRetryAfterAndGrowsExponentially() {
    assertThat(Backoff.parseRetryAfter("3")).contains(Duration.ofSeconds(3));
    assertThat(Backoff.parseRetryAfter("0.5")).contains(Duration.ofMillis(500));
    assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    assertThat(Backoff.parseRetryAfter("soon")).isEmpty();
    assertThat(Backoff.parseRetryAfter(null)).isEmpty();
    assertThat(Backoff.delay(1, Optional.of(Duration.ofSeconds(7)))).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    for (int i = 0; i < 50; i++) {
      assertThat(Backoff.delay(1, Optional.empty()).toMillis()).isBetween(250L, 500L);
      assertThat(Backoff.delay(4, Optional.empty()).toMillis()).isBetween(2000L, 4000L);
      assertThat(Backoff.delay(30, Optional.empty())).isLessThanOrEqualTo(Backoff.CAP);
    }
  }
}
