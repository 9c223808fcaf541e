package io.synthkit.retrieval;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Spaces calls at least {@code 1 / rate} seconds apart, across all threads that share the limiter.
 *
 * <p>Each caller reserves the next free slot under a lock and then sleeps outside it, so callers queue in order
 * without holding the lock while they wait (a virtual thread parked in a lock-free sleep does not pin its carrier).
 * No bursts: a limiter idle for a minute still lets only one call through immediately. Thread-safe.
 */
final class RateLimiter {

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private long nextFree;
  private boolean used;

  RateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be positive and finite: " + perSecond);
    }
    this.intervalNanos = (long) Math.ceil(1e9 / perSecond);
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /**
   * Blocks until the caller may make its call.
   *
   * @throws InterruptedException when interrupted while waiting; the slot stays spent
   */
  void acquire() throws InterruptedException {
    long wait;
    lock.lock();
    try {
      long now = nanoTime.getAsLong();
      long slot = used ? Math.max(now, nextFree) : now;
      used = true;
      nextFree = slot + intervalNanos;
      wait = slot - now;
    } finally {
      lock.unlock();
    }
    if (wait > 0) sleeper.sleep(Duration.ofNanos(wait));
  }
}
