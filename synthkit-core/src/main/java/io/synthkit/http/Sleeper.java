package io.synthkit.http;

import java.time.Duration;

/** Waits; the seam that lets tests see how long rate limits and retry back-off ask to wait, without waiting. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread. */
  Sleeper SYSTEM = Thread::sleep;

  /**
   * Waits for {@code duration}.
   *
   * @param duration how long, positive
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
