package io.synthkit.llm;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A per-minute budget (requests or tokens) enforced as a smooth token bucket: capacity one minute's worth, refilled
 * continuously. {@link #acquire(long)} reserves permits and sleeps until they are available; {@link #refund(long)}
 * returns an over-estimate (token reservations are made before the reply's size is known). A rate of 0 means
 * unlimited. Thread-safe.
 */
final class RateLimiter {

  private final double perNano;
  private final double capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private double available;
  private long lastNanos;
  private final Sleeper sleeper;

  /** Sleeps; replaced in tests so they need not wait. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  RateLimiter(int perMinute) {
    this(perMinute, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  RateLimiter(int perMinute, Sleeper sleeper) {
    this.capacity = Math.max(0, perMinute);
    this.perNano = perMinute / 60e9;
    this.available = capacity;
    this.lastNanos = System.nanoTime();
    this.sleeper = sleeper;
  }

  boolean unlimited() {
    return capacity == 0;
  }

  /**
   * Takes permits, waiting as long as needed. A request larger than the whole bucket is let through once the bucket is
   * full, so one huge prompt cannot block forever.
   *
   * @param permits permits to take
   */
  void acquire(long permits) throws InterruptedException {
    if (unlimited() || permits <= 0) {
      return;
    }
    long waitNanos;
    lock.lock();
    try {
      refill();
      double need = Math.min(permits, capacity);
      waitNanos = available >= need ? 0 : (long) Math.ceil((need - available) / perNano);
      available -= permits; // may go negative: later callers then wait for the debt to be repaid
    } finally {
      lock.unlock();
    }
    if (waitNanos > 0) {
      sleeper.sleepNanos(waitNanos);
    }
  }

  /**
   * Returns permits that were reserved but not used.
   *
   * @param permits permits to give back
   */
  void refund(long permits) {
    if (unlimited() || permits <= 0) {
      return;
    }
    lock.lock();
    try {
      refill();
      available = Math.min(capacity, available + permits);
    } finally {
      lock.unlock();
    }
  }

  private void refill() {
    long now = System.nanoTime();
    available = Math.min(capacity, available + (now - lastNanos) * perNano);
    lastNanos = now;
  }
}
