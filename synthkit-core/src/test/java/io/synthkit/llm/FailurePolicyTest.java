package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.Circuit;
import io.synthkit.http.StubServer;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Usage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failed call fails its item; only an endpoint that stays down stops the run (exit 3). Over real HTTP. */
@Timeout(60)
class FailurePolicyTest {

  private static ModelConfig noRetries(String url) {
    return Wire.openAi(url).maxRetries(0).build();
  }

  @Test
  void fiveFailedCallsInARow_thenAFailedProbe_meanTheEndpointIsDown() {
    try (StubServer server = StubServer.start(r -> Wire.openAiError(500, "The server had an error", null, null));
        Gateway g = Gateway.builder().model("default", noRetries(server.url())).build()) {
      for (int i = 0; i < Circuit.TRIP_AFTER - 1; i++) {
        int n = i;
        assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "k" + n))
            .isInstanceOf(CallFailedException.class);
      }
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "k4"))
          .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
          .hasMessageContaining("looks down: 5 calls in a row failed")
          .hasMessageContaining("HTTP 500: The server had an error");
      int sent = server.requests().size();
      assertThat(sent).isEqualTo(Circuit.TRIP_AFTER + 1); // the fifth call went once more as the probe
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "k5")).isInstanceOf(EndpointException.class);
      assertThat(server.requests()).hasSize(sent);
      Usage u = g.meter().total();
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(sent);
    }
  }

  @Test
  void aProbeThatSucceeds_closesTheCircuitAndTheTrippingCallIsNotLost() {
    AtomicInteger n = new AtomicInteger();
    try (StubServer server = StubServer.start(r -> n.getAndIncrement() < Circuit.TRIP_AFTER
        ? Wire.openAiError(503, "overloaded", null, null) : Wire.chat("back"));
        Gateway g = Gateway.builder().model("default", noRetries(server.url())).build()) {
      for (int i = 0; i < Circuit.TRIP_AFTER - 1; i++) {
        int k = i;
        assertThatThrownBy(() -> g.llm("default").text(Prompt.user("q"), "k" + k))
            .isInstanceOf(CallFailedException.class);
      }
      assertThat(g.llm("default").text(Prompt.user("q"), "k4")).isEqualTo("back");
      assertThat(g.llm("default").text(Prompt.user("q"), "k5")).isEqualTo("back");
      Usage u = g.meter().total();
      assertThat(u.failures()).isEqualTo(Circuit.TRIP_AFTER);
      assertThat(u.calls()).isEqualTo(2);
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(server.requests().size());
    }
  }

  @Test
  void aCallAbandonedOnTheWire_whenTheRunStops_isCountedAsAFailedCall() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (StubServer server = StubServer.start(r -> {
      arrived.countDown();
      release.await(30, TimeUnit.SECONDS); // the server holds the request until the test is done
      return Wire.chat("late");
    });
        Gateway g = Gateway.builder().model("default", noRetries(server.url())).build()) {
      Thread caller = Thread.ofVirtual().start(() -> {
        try {
          g.llm("default").text(Prompt.user("q"), "k");
        } catch (RuntimeException expected) {
          // cancelled: what a stopping run sees
        }
      });
      assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
      caller.interrupt();
      caller.join(20_000);
      release.countDown();
      Usage u = g.meter().total();
      assertThat(server.requests()).hasSize(1);
      assertThat(u.calls() + u.retries() + u.failures()).as("the server saw it, so the totals include it")
          .isEqualTo(1);
      assertThat(u.failures()).isEqualTo(1);
    }
  }
}
