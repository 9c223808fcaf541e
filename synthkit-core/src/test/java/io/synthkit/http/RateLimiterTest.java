package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final FakeTime time = new FakeTime();

  @Test
  void spacing_firstCall_doesNotWait() throws InterruptedException {
    RateLimiter.spacing(1.0, time, time).acquire();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void spacing_backToBack_waitsOneIntervalEach() throws InterruptedException {
    RateLimiter limiter = RateLimiter.spacing(2.0, time, time);
    for (int i = 0; i < 4; i++) {
      limiter.acquire();
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void spacing_afterTimePassed_waitsOnlyTheRestAndNeverBursts() throws InterruptedException {
    RateLimiter limiter = RateLimiter.spacing(1.0, time, time);
    limiter.acquire();
    time.advance(Duration.ofMillis(300));
    limiter.acquire();
    time.advance(Duration.ofSeconds(5));
    limiter.acquire(); // an idle spell lets one call through at once, not five
    limiter.acquire();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(700), Duration.ofSeconds(1));
  }

  @Test
  void spacing_withoutSleeping_reservesSuccessiveSlots() throws InterruptedException {
    // Callers that reserve at the same instant queue up: the third waits two intervals.
    FakeTime frozen = new FakeTime();
    List<Duration> asked = new ArrayList<>();
    RateLimiter limiter = RateLimiter.spacing(1.0, frozen, asked::add);
    for (int i = 0; i < 3; i++) {
      limiter.acquire();
    }
    assertThat(asked).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void spacing_nonPositiveRate_isRejected() {
    assertThatThrownBy(() -> RateLimiter.spacing(0, time, time)).hasMessage("rate must be positive and finite: 0.0");
  }

  @Test
  void perMinute_waitsOnlyOnceTheMinutesBudgetIsSpent() throws InterruptedException {
    RateLimiter rpm = RateLimiter.perMinute(60, time, time);
    for (int i = 0; i < 60; i++) {
      rpm.acquire(1);
    }
    assertThat(time.sleeps()).isEmpty();
    rpm.acquire(1);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void perMinute_refundReturnsUnusedTokens() throws InterruptedException {
    RateLimiter tpm = RateLimiter.perMinute(1000, time, time);
    tpm.acquire(1000);
    tpm.refund(600);
    tpm.acquire(500);
    assertThat(time.sleeps()).isEmpty();
    tpm.acquire(500); // 100 left: waits for 400 tokens at 1000 a minute
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(24));
  }

  @Test
  void perMinute_requestLargerThanTheBucket_goesOnceTheBucketIsFull() throws InterruptedException {
    RateLimiter tpm = RateLimiter.perMinute(100, time, time);
    tpm.acquire(250);
    assertThat(time.sleeps()).isEmpty();
    tpm.acquire(10); // the debt of 150 is repaid first
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(96));
  }

  @Test
  void perMinute_zeroMeansUnlimited() throws InterruptedException {
    RateLimiter none = RateLimiter.perMinute(0, time, time);
    for (int i = 0; i < 10_000; i++) {
      none.acquire(100);
    }
    assertThat(none.unlimited()).isTrue();
    assertThat(time.sleeps()).isEmpty();
  }
}
