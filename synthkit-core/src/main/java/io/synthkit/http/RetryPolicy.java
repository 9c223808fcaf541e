package io.synthkit.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How often and how patiently a call is retried: at most {@code maxAttempts} sends, waits growing exponentially from
 * {@code base} to {@code cap}, and a server's {@code Retry-After} honoured up to {@code maxRetryAfter}. A server that
 * asks for a longer wait ends the call at once (the attempt counts as failed) instead of hanging it or hammering the
 * server early.
 *
 * <p>With jitter, each wait is drawn uniformly from the upper half of its exponential window ({@code [w/2, w]}): the
 * retries of many calls that failed together spread out instead of hitting the server again in one burst, while no
 * wait shrinks to nothing. Without jitter the waits are exact (one client with its own rate limit does not stampede).
 *
 * @param maxAttempts sends in total, at least 1
 * @param base the first wait
 * @param cap the longest back-off wait
 * @param jitter whether to randomise waits
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, boolean jitter, Duration maxRetryAfter) {

  /** Model endpoints' defaults: 0.5 s doubling to 60 s, jittered. */
  public static final Duration MODEL_BASE = Duration.ofMillis(500);
  /** The longest back-off wait for model endpoints. */
  public static final Duration MODEL_CAP = Duration.ofSeconds(60);

  /** Checks the values. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (base.isNegative() || cap.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("waits must not be negative");
    }
  }

  /**
   * The policy of model endpoints: 0.5 s doubling to 60 s with jitter.
   *
   * @param maxRetries retries after the first attempt
   * @param maxRetryAfter the longest Retry-After honoured
   * @return the policy
   */
  public static RetryPolicy forModels(int maxRetries, Duration maxRetryAfter) {
    return new RetryPolicy(maxRetries + 1, MODEL_BASE, MODEL_CAP, true, maxRetryAfter);
  }

  /** What to do after a failed attempt. */
  public sealed interface Decision {
    /**
     * Send again after a wait.
     *
     * @param delay how long
     * @param serverAsked true when the wait comes from the server's Retry-After
     */
    record Wait(Duration delay, boolean serverAsked) implements Decision {}

    /**
     * Stop trying.
     *
     * @param why one line: attempts exhausted, or the Retry-After that was too long
     * @param refusedWait the server's Retry-After when it was longer than {@code maxRetryAfter}, else {@code null}
     */
    record GiveUp(String why, @Nullable Duration refusedWait) implements Decision {}
  }

  /**
   * Decides what follows a failed attempt.
   *
   * @param attempts attempts made so far (1 after the first failure)
   * @param retryAfter what the server asked for, if anything
   * @return wait and retry, or give up
   */
  public Decision afterFailure(int attempts, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) {
      return new Decision.GiveUp("the server asked to wait " + seconds(retryAfter.get()) + " s (Retry-After), longer"
          + " than the " + seconds(maxRetryAfter) + " s synthkit waits", retryAfter.get());
    }
    if (attempts >= maxAttempts) {
      return new Decision.GiveUp("gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts"), null);
    }
    Duration backoff = backoff(attempts);
    if (retryAfter.isPresent()) {
      // Even "Retry-After: 0" waits a little, so a crowd of calls told the same thing does not return at once.
      Duration floor = backoff.dividedBy(4);
      return new Decision.Wait(retryAfter.get().compareTo(floor) > 0 ? retryAfter.get() : floor, true);
    }
    return new Decision.Wait(backoff, false);
  }

  /**
   * Returns the back-off before retry number {@code retry}.
   *
   * @param retry 1 for the first retry
   * @return the wait
   */
  public Duration backoff(int retry) {
    long ceiling = Math.min(cap.toNanos(), base.toNanos() << Math.min(Math.max(retry - 1, 0), 20));
    if (!jitter || ceiling <= 1) {
      return Duration.ofNanos(ceiling);
    }
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  /**
   * Rounds a wait up to whole seconds, for messages.
   *
   * @param d the wait
   * @return seconds, rounded up
   */
  public static long seconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }
}
