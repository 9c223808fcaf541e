package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.Retrier.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final FakeTime time = new FakeTime();
  private final Retrier retrier = new Retrier(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), false,
      Duration.ofSeconds(30)), time);
  private final List<String> heard = new ArrayList<>();
  private final Retrier.Listener listener = new Retrier.Listener() {
    @Override
    public void retrying(String error, Duration wait, Instant until, boolean serverAsked) {
      heard.add("retry " + error + " in " + wait.toSeconds() + (serverAsked ? " (asked)" : ""));
    }

    @Override
    public void resending(String reason) {
      heard.add("resend " + reason);
    }

    @Override
    public void gaveUp(String error) {
      heard.add("gave up " + error);
    }
  };

  @SafeVarargs
  private static Retrier.Attempt<String> script(Outcome<String>... outcomes) {
    Deque<Outcome<String>> queue = new ArrayDeque<>(List.of(outcomes));
    return queue::pop;
  }

  @Test
  void run_retriesFailuresThenSucceeds() {
    Retrier.Result<String> r = retrier.run(script(Outcome.failed("HTTP 503", 503),
        new Outcome.Failed<>("HTTP 429", 429, Optional.of(Duration.ofSeconds(5))), new Outcome.Done<>("ok")), listener);
    assertThat(r).isEqualTo(new Retrier.Result.Success<>("ok", 3));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertThat(heard).containsExactly("retry HTTP 503 in 1", "retry HTTP 429 in 5 (asked)");
  }

  @Test
  void run_resendIsNotAnAttemptAndDoesNotWait() {
    Retrier.Result<String> r = retrier.run(script(new Outcome.Resend<>("max_tokens renamed"),
        Outcome.failed("HTTP 500", 500), new Outcome.Resend<>("temperature dropped"), new Outcome.Done<>("ok")),
        listener);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(heard).containsExactly("resend max_tokens renamed", "retry HTTP 500 in 1", "resend temperature dropped");
  }

  @Test
  void run_givesUpAfterTheLastAttemptWithTheLastError() {
    Retrier.Result<String> r = retrier.run(script(Outcome.failed("a", 500), Outcome.failed("b", 502),
        Outcome.failed("c", 503), Outcome.failed("d", 504)), listener);
    assertThat(r).isEqualTo(new Retrier.Result.Failure<>(4, "d", 504, "gave up after 4 attempts", null));
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(heard).last().isEqualTo("gave up d");
  }

  @Test
  void run_retryAfterBeyondTheCap_failsAtOnceInsteadOfHanging() {
    Retrier.Result<String> r = retrier.run(script(new Outcome.Failed<>("HTTP 429", 429,
        Optional.of(Duration.ofHours(1)))), listener);
    assertThat(r).isInstanceOfSatisfying(Retrier.Result.Failure.class, f -> {
      assertThat(f.attempts()).isEqualTo(1);
      assertThat(f.refusedWait()).isEqualTo(Duration.ofHours(1));
      assertThat(f.why()).contains("asked to wait 3600 s", "longer than the 30 s");
    });
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void run_endlessResends_stop() {
    Retrier.Result<String> r = retrier.run(() -> new Outcome.Resend<>("again"), listener);
    assertThat(r).isInstanceOf(Retrier.Result.Failure.class);
    assertThat(heard).hasSize(Retrier.MAX_RESENDS + 1);
  }

  @Test
  void run_interruptedWhileWaiting_isACancellation() {
    Retrier sleepy = new Retrier(retrier.policy(), d -> {
      throw new InterruptedException();
    });
    assertThatThrownBy(() -> sleepy.run(script(Outcome.failed("x", 500)), listener))
        .isInstanceOf(CancellationException.class);
    assertThat(Thread.interrupted()).isTrue();
  }
}
