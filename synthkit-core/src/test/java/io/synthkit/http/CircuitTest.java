package io.synthkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.EndpointException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CircuitTest {

  private final Circuit circuit = new Circuit("openai:m at http://x", 3);

  private Circuit.State fail(Circuit.Call c) throws InterruptedException {
    c.admit();
    return c.failed("HTTP 503: busy", 503);
  }

  @Test
  void failuresAreTheCallsOwnUntilEnoughInARow() throws InterruptedException {
    assertThat(fail(circuit.call())).isEqualTo(Circuit.State.CLOSED);
    assertThat(fail(circuit.call())).isEqualTo(Circuit.State.CLOSED);
    Circuit.Call ok = circuit.call();
    ok.admit();
    ok.succeeded(); // a success in between resets the count
    assertThat(fail(circuit.call())).isEqualTo(Circuit.State.CLOSED);
    assertThat(fail(circuit.call())).isEqualTo(Circuit.State.CLOSED);
    Circuit.Call third = circuit.call();
    assertThat(fail(third)).isEqualTo(Circuit.State.OPEN);
    assertThat(third.resolved()).isFalse(); // it goes again, as the probe
  }

  @Test
  void aFailedProbe_downsTheEndpointForEveryCall_waitingOnesIncluded() throws Exception {
    for (int i = 0; i < 3; i++) {
      fail(circuit.call());
    }
    Circuit.Call probe = circuit.call();
    probe.admit();
    assertThat(circuit.state()).isEqualTo(Circuit.State.PROBING);
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> waiting = exec.submit(() -> {
        circuit.call().admit();
        return null;
      });
      assertThat(probe.failed("HTTP 503: still busy", 503)).isEqualTo(Circuit.State.DOWN);
      assertThatThrownBy(waiting::get).hasCauseInstanceOf(EndpointException.class)
          .hasMessageContaining("looks down").hasMessageContaining("HTTP 503: still busy");
    }
    assertThatThrownBy(() -> circuit.call().admit()).isInstanceOf(EndpointException.class);
  }

  @Test
  void aProbeThatSucceeds_letsTheWaitingCallsGo() throws Exception {
    for (int i = 0; i < 3; i++) {
      fail(circuit.call());
    }
    Circuit.Call probe = circuit.call();
    probe.admit();
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        circuit.call().admit();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, Executors.newVirtualThreadPerTaskExecutor());
    probe.succeeded();
    waiting.get();
    assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
  }

  @Test
  void aProbeThatEndsWithoutAnOutcome_handsTheRoleOn() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      fail(circuit.call());
    }
    Circuit.Call probe = circuit.call();
    probe.admit();
    probe.release(); // e.g. cancelled
    assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
    Circuit.Call next = circuit.call();
    next.admit();
    assertThat(circuit.state()).isEqualTo(Circuit.State.PROBING);
    next.succeeded();
    assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
  }
}
