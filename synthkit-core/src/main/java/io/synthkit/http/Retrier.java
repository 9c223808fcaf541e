package io.synthkit.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The one retry loop of every outbound call: send, and after a failure worth retrying wait as the {@link RetryPolicy}
 * says and send again, until the call succeeds or the policy gives up. What a response means (success, a failure
 * worth retrying, a new request shape, or an error no retry can fix) is the caller's {@link Attempt} to decide; the
 * loop returns a {@link Result} and leaves it to the caller to turn a failure into its own exception.
 *
 * <p>Thread-safe (it holds no state of its own).
 */
public final class Retrier {

  /** At most this many immediate resends per call: each learns a rule, and there are only so many rules. */
  static final int MAX_RESENDS = 8;

  private final RetryPolicy policy;
  private final Sleeper sleeper;

  /**
   * Creates a loop.
   *
   * @param policy attempts and waits
   * @param sleeper how to wait
   */
  public Retrier(RetryPolicy policy, Sleeper sleeper) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Returns the policy.
   *
   * @return the policy
   */
  public RetryPolicy policy() {
    return policy;
  }

  /**
   * One send of a call.
   *
   * @param <T> the decoded value
   */
  @FunctionalInterface
  public interface Attempt<T> {
    /**
     * Sends once and says what happened. Throws (a {@code SynthkitException}) for what no retry can fix, such as a
     * rejected key.
     *
     * @return the outcome
     * @throws InterruptedException when the calling thread is interrupted
     */
    Outcome<T> send() throws InterruptedException;
  }

  /**
   * What one send came to.
   *
   * @param <T> the decoded value
   */
  public sealed interface Outcome<T> {
    /**
     * The call is done.
     *
     * @param value the decoded value
     * @param <T> its type
     */
    record Done<T>(T value) implements Outcome<T> {}

    /**
     * A failure worth retrying (429, 5xx, a timeout, a broken body).
     *
     * @param error one line, e.g. {@code HTTP 503: overloaded}
     * @param status the HTTP status, or 0 when there was no response
     * @param retryAfter the server's Retry-After, if any
     * @param <T> the value type
     */
    record Failed<T>(String error, int status, Optional<Duration> retryAfter) implements Outcome<T> {}

    /**
     * The request must change and go again at once (the endpoint learned how to shape it); not a failed attempt.
     *
     * @param reason what changed
     * @param <T> the value type
     */
    record Resend<T>(String reason) implements Outcome<T> {}

    /**
     * A retryable failure without Retry-After.
     *
     * @param error one line
     * @param status the HTTP status, or 0
     * @param <T> the value type
     * @return the outcome
     */
    static <T> Outcome<T> failed(String error, int status) {
      return new Failed<>(error, status, Optional.empty());
    }
  }

  /**
   * How a call ended.
   *
   * @param <T> the decoded value
   */
  public sealed interface Result<T> {
    /**
     * Returns the attempts made (resends of a reshaped request not included).
     *
     * @return at least 1
     */
    int attempts();

    /**
     * The call succeeded.
     *
     * @param value the decoded value
     * @param attempts attempts made
     * @param <T> the value type
     */
    record Success<T>(T value, int attempts) implements Result<T> {}

    /**
     * The policy gave up.
     *
     * @param attempts attempts made
     * @param lastError the last failure, e.g. {@code HTTP 503: overloaded}
     * @param status the last HTTP status, or 0 when there was no response
     * @param why why the policy stopped
     * @param refusedWait the Retry-After that was too long to honour, or {@code null}
     * @param <T> the value type
     */
    record Failure<T>(int attempts, String lastError, int status, String why, @Nullable Duration refusedWait)
        implements Result<T> {}
  }

  /** Hears the loop's decisions (for usage counters and "waiting until" progress). Must be quick and thread-safe. */
  public interface Listener {
    /** A listener that ignores everything. */
    Listener NONE = new Listener() {};

    /**
     * A failed attempt will be retried after a wait.
     *
     * @param error the failure
     * @param wait how long the loop waits
     * @param until when it sends again
     * @param serverAsked true when the wait is the server's Retry-After
     */
    default void retrying(String error, Duration wait, Instant until, boolean serverAsked) {}

    /**
     * The request is sent again at once with a new shape.
     *
     * @param reason what changed
     */
    default void resending(String reason) {}

    /**
     * The policy gave up.
     *
     * @param error the last failure
     */
    default void gaveUp(String error) {}
  }

  /**
   * Runs a call to its end.
   *
   * @param attempt one send
   * @param listener hears retries, resends and giving up
   * @param <T> the decoded value
   * @return success with the value, or the failure
   * @throws CancellationException when interrupted while sending or waiting
   */
  public <T> Result<T> run(Attempt<T> attempt, Listener listener) {
    int attempts = 0;
    int resends = 0;
    while (true) {
      Outcome<T> outcome;
      try {
        outcome = attempt.send();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted during a call");
      }
      switch (outcome) {
        case Outcome.Done<T> done -> {
          return new Result.Success<>(done.value(), attempts + 1);
        }
        case Outcome.Resend<T> resend -> {
          if (++resends > MAX_RESENDS) {
            attempts++;
            listener.gaveUp(resend.reason());
            return new Result.Failure<>(attempts, resend.reason(), 0, "the request shape kept changing", null);
          }
          listener.resending(resend.reason());
        }
        case Outcome.Failed<T> failed -> {
          attempts++;
          switch (policy.afterFailure(attempts, failed.retryAfter())) {
            case RetryPolicy.Decision.GiveUp stop -> {
              listener.gaveUp(failed.error());
              return new Result.Failure<>(attempts, failed.error(), failed.status(), stop.why(), stop.refusedWait());
            }
            case RetryPolicy.Decision.Wait w -> {
              listener.retrying(failed.error(), w.delay(), Instant.now().plus(w.delay()), w.serverAsked());
              pause(w.delay());
            }
          }
        }
      }
    }
  }

  private void pause(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting to retry");
    }
  }
}
