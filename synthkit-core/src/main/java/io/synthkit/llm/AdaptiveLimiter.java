package io.synthkit.llm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Limits the calls in flight to one endpoint and adapts the limit to how the server copes.
 *
 * <p>Hosted APIs say "slow down" with 429/503; self-hosted servers (vLLM, llama.cpp) never do, they just queue and get
 * slower. So the limit falls multiplicatively on overload signals (429, 503, timeouts) and follows a latency gradient
 * otherwise: the short-term latency per completion token is compared with a long-term baseline (normalising by tokens
 * keeps long replies from looking like congestion). When they agree the limit grows by about its square root (probing
 * for headroom); when latency inflates beyond the tolerance the limit shrinks in proportion. This is the Gradient2
 * scheme of Netflix's concurrency-limits library, written for our signals. With {@code adaptive=false} the limit stays
 * at the configured maximum.
 *
 * <p>Thread-safe. Uses a {@link ReentrantLock} rather than {@code synchronized} so waiting virtual threads do not pin
 * their carrier threads on Java 21.
 */
final class AdaptiveLimiter {

  private static final double TOLERANCE = 1.5;
  private static final double SHORT_ALPHA = 0.1;
  private static final double LONG_ALPHA = 0.01;

  private final int max;
  private final boolean adaptive;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private double limit;
  private int inFlight;
  private double shortRtt = -1;
  private double longRtt = -1;
  private long lastDecreaseNanos;

  AdaptiveLimiter(int max, boolean adaptive) {
    if (max < 1) {
      throw new IllegalArgumentException("max_concurrency must be at least 1: " + max);
    }
    this.max = max;
    this.adaptive = adaptive;
    this.limit = max;
  }

  /** Blocks until a slot is free. */
  void acquire() throws InterruptedException {
    lock.lock();
    try {
      while (inFlight >= currentLimit()) {
        released.await();
      }
      inFlight++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Frees a slot after a completed call and feeds its latency into the gradient.
   *
   * @param latencyNanos how long the call took
   * @param completionTokens tokens the reply had
   */
  void onSuccess(long latencyNanos, long completionTokens) {
    lock.lock();
    try {
      inFlight--;
      if (adaptive) {
        double rtt = latencyNanos / (double) Math.max(1, completionTokens);
        shortRtt = shortRtt < 0 ? rtt : shortRtt + SHORT_ALPHA * (rtt - shortRtt);
        longRtt = longRtt < 0 ? rtt : longRtt + LONG_ALPHA * (rtt - longRtt);
        if (longRtt > 2 * shortRtt) {
          longRtt *= 0.95; // the server got faster (warm-up done): let the baseline follow quickly
        }
        double gradient = Math.max(0.5, Math.min(1.0, TOLERANCE * longRtt / shortRtt));
        double next = limit * gradient + Math.sqrt(limit);
        limit = Math.max(1, Math.min(max, 0.8 * limit + 0.2 * next));
      }
      wake();
    } finally {
      lock.unlock();
    }
  }

  /** Frees a slot after an overload signal (429, 503, timeout) and halves the limit, at most once per window. */
  void onOverload() {
    lock.lock();
    try {
      inFlight--;
      long now = System.nanoTime();
      long window = shortRtt > 0 ? (long) Math.min(shortRtt * 64, 5e9) : 1_000_000_000L;
      if (adaptive && now - lastDecreaseNanos > window) {
        limit = Math.max(1, limit * 0.5);
        lastDecreaseNanos = now;
      }
      wake();
    } finally {
      lock.unlock();
    }
  }

  /** Frees a slot without feedback (client-side errors). */
  void onIgnore() {
    lock.lock();
    try {
      inFlight--;
      wake();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wakes one waiter per free slot. Waking every waiter on each release (signalAll) costs O(waiters) per call: with
   * thousands of queued calls that is most of the CPU. Called with the lock held.
   */
  private void wake() {
    for (int free = currentLimit() - inFlight; free > 0; free--) {
      released.signal();
    }
  }

  /**
   * Returns the current limit, for the progress line and tests.
   *
   * @return the number of calls allowed in flight now
   */
  int currentLimit() {
    return (int) Math.max(1, Math.floor(limit));
  }
}
