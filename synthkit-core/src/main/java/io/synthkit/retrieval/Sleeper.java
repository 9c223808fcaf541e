package io.synthkit.retrieval;

import java.time.Duration;

/**
 * Waits; the seam that lets tests check how long rate limiting and retry back-off ask to wait without waiting.
 */
@FunctionalInterface
interface Sleeper {

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
