package io.synthkit.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock that only moves when someone sleeps on it; records every requested sleep instead of sleeping. */
public final class FakeTime implements Sleeper, LongSupplier {

  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  /**
   * Moves the clock without a sleep.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /**
   * Returns every sleep asked for, in order.
   *
   * @return the sleeps
   */
  public List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }
}
