package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  @Test
  void retryAfter_readsSecondsFractionsAndHttpDates() {
    assertThat(RetryAfter.parse("3", NOW)).contains(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 0.5 ", NOW)).contains(Duration.ofMillis(500));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", NOW)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
  }

  @Test
  void backoff_growsExponentiallyWithJitterUpToTheCap() {
    RetryPolicy p = RetryPolicy.forModels(6, Duration.ofSeconds(120));
    for (int i = 0; i < 50; i++) {
      assertThat(p.backoff(1).toMillis()).isBetween(250L, 500L);
      assertThat(p.backoff(4).toMillis()).isBetween(2000L, 4000L);
      assertThat(p.backoff(30)).isBetween(RetryPolicy.MODEL_CAP.dividedBy(2), RetryPolicy.MODEL_CAP);
    }
  }

  @Test
  void backoff_withoutJitter_isExact() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5), false, Duration.ofSeconds(60));
    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.backoff(4)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void afterFailure_honoursRetryAfterWithAFloor() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), false, Duration.ofSeconds(60));
    assertThat(p.afterFailure(1, Optional.of(Duration.ofSeconds(7))))
        .isEqualTo(new RetryPolicy.Decision.Wait(Duration.ofSeconds(7), true));
    // "Retry-After: 0" still waits a quarter of the back-off, so told-at-once callers do not return together.
    assertThat(p.afterFailure(3, Optional.of(Duration.ZERO)))
        .isEqualTo(new RetryPolicy.Decision.Wait(Duration.ofSeconds(1), true));
    assertThat(p.afterFailure(2, Optional.empty())).isEqualTo(new RetryPolicy.Decision.Wait(Duration.ofSeconds(2),
        false));
  }

  @Test
  void afterFailure_givesUpWhenAttemptsRunOutOrTheServerAsksForTooLong() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60), false, Duration.ofSeconds(120));
    assertThat(p.afterFailure(3, Optional.empty()))
        .isEqualTo(new RetryPolicy.Decision.GiveUp("gave up after 3 attempts", null));
    assertThat(p.afterFailure(1, Optional.of(Duration.ofSeconds(121)))).isEqualTo(new RetryPolicy.Decision.GiveUp(
        "the server asked to wait 121 s (Retry-After), longer than the 120 s synthkit waits", Duration.ofSeconds(121)));
    assertThat(p.afterFailure(1, Optional.of(Duration.ofSeconds(120)))).isInstanceOf(RetryPolicy.Decision.Wait.class);
  }
}
