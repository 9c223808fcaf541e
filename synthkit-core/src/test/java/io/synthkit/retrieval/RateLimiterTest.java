package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final FakeTime time = new FakeTime();

  @Test
  void acquire_firstCall_doesNotWait() throws InterruptedException {
    new RateLimiter(1.0, time, time).acquire();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void acquire_backToBack_waitsOneIntervalEach() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(2.0, time, time);
    for (int i = 0; i < 4; i++) limiter.acquire();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void acquire_afterTimePassed_waitsOnlyTheRest() throws InterruptedException {
    RateLimiter limiter = new RateLimiter(1.0, time, time);
    limiter.acquire();
    time.advance(Duration.ofMillis(300));
    limiter.acquire();
    time.advance(Duration.ofSeconds(5));
    limiter.acquire();
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(700));
  }

  @Test
  void acquire_withoutSleeping_reservesSuccessiveSlots() throws InterruptedException {
    // Callers that reserve at the same instant queue up: the third waits two intervals.
    FakeTime frozen = new FakeTime();
    List<Duration> asked = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(1.0, frozen, asked::add);
    for (int i = 0; i < 3; i++) limiter.acquire();
    assertThat(asked).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void new_nonPositiveRate_isRejected() {
    assertThatThrownBy(() -> new RateLimiter(0, time, time)).hasMessage("rate must be positive and finite: 0.0");
  }
}
