package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The adaptive concurrency limit (rate limits and back-off are tested in {@code io.synthkit.http}). */
class FlowControlTest {

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
}
