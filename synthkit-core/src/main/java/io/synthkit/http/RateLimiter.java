package io.synthkit.http;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A token bucket: it holds up to {@code capacity} permits and refills continuously at a fixed rate. A per-minute
 * budget (requests or tokens) is a bucket of one minute's worth; "no bursts" spacing (Wikipedia's one request a
 * second) is a bucket of capacity 1.
 *
 * <p>{@link #acquire(long)} reserves permits under a lock and sleeps outside it, so callers queue in order without
 * holding the lock while they wait (a virtual thread sleeping outside a lock does not pin its carrier). The bucket may
 * go into debt: later callers then wait for the debt to be repaid. {@link #refund(long)} returns an over-estimate
 * (token reservations are made before a reply's size is known). Thread-safe.
 */
public final class RateLimiter {

  /** A limiter that never waits. */
  public static final RateLimiter UNLIMITED = new RateLimiter(0, 0, System::nanoTime, Sleeper.SYSTEM);

  private final double capacity;
  private final double nanosPerPermit;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ReentrantLock lock = new ReentrantLock();
  private double available;
  private long lastNanos;

  /**
   * Creates a bucket, full.
   *
   * @param capacity most permits held (0 = unlimited)
   * @param perSecond refill rate, positive unless unlimited
   * @param nanoTime the clock
   * @param sleeper how to wait
   */
  public RateLimiter(double capacity, double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (capacity > 0 && (!(perSecond > 0) || Double.isInfinite(perSecond))) {
      throw new IllegalArgumentException("rate must be positive and finite: " + perSecond);
    }
    this.capacity = Math.max(0, capacity);
    this.nanosPerPermit = capacity > 0 ? 1e9 / perSecond : 0;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.available = this.capacity;
    this.lastNanos = nanoTime.getAsLong();
  }

  /**
   * A per-minute budget: capacity one minute's worth, refilled continuously.
   *
   * @param perMinute permits per minute; 0 means unlimited
   * @return the limiter
   */
  public static RateLimiter perMinute(long perMinute) {
    return perMinute(perMinute, System::nanoTime, Sleeper.SYSTEM);
  }

  /**
   * A per-minute budget with a given clock and sleeper (for tests).
   *
   * @param perMinute permits per minute; 0 means unlimited
   * @param nanoTime the clock
   * @param sleeper how to wait
   * @return the limiter
   */
  public static RateLimiter perMinute(long perMinute, LongSupplier nanoTime, Sleeper sleeper) {
    return perMinute <= 0 ? UNLIMITED : new RateLimiter(perMinute, perMinute / 60.0, nanoTime, sleeper);
  }

  /**
   * Spacing without bursts: calls at least {@code 1 / perSecond} apart, even after an idle minute.
   *
   * @param perSecond calls per second, positive and finite
   * @param nanoTime the clock
   * @param sleeper how to wait
   * @return the limiter
   */
  public static RateLimiter spacing(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be positive and finite: " + perSecond);
    }
    return new RateLimiter(1, perSecond, nanoTime, sleeper);
  }

  /**
   * Tells whether this limiter never waits.
   *
   * @return true for a rate of 0
   */
  public boolean unlimited() {
    return capacity == 0;
  }

  /**
   * Takes one permit, waiting as long as needed.
   *
   * @throws InterruptedException when interrupted while waiting; the permit stays spent
   */
  public void acquire() throws InterruptedException {
    acquire(1);
  }

  /**
   * Takes permits, waiting as long as needed. A request larger than the whole bucket goes once the bucket is full, so
   * one huge prompt cannot block forever.
   *
   * @param permits permits to take
   * @throws InterruptedException when interrupted while waiting; the permits stay spent
   */
  public void acquire(long permits) throws InterruptedException {
    if (unlimited() || permits <= 0) {
      return;
    }
    long waitNanos;
    lock.lock();
    try {
      refill();
      double need = Math.min(permits, capacity);
      waitNanos = available >= need ? 0 : Math.round((need - available) * nanosPerPermit);
      available -= permits;
    } finally {
      lock.unlock();
    }
    if (waitNanos > 0) {
      sleeper.sleep(Duration.ofNanos(waitNanos));
    }
  }

  /**
   * Returns permits that were reserved but not used.
   *
   * @param permits permits to give back
   */
  public void refund(long permits) {
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
    long now = nanoTime.getAsLong();
    available = Math.min(capacity, available + (now - lastNanos) / nanosPerPermit);
    lastNanos = now;
  }
}
