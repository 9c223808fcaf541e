package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.sim.Simulator;
import io.synthkit.spi.CallFanOut;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A gateway with a {@link CallFanOut}, over real HTTP: the calls gather into groups that a relay (as an executor runs
 * it, here in this JVM) sends; the answers, prices and the simulated mark are those of direct calls, and a call the
 * fan-out could not answer is sent directly and counted as a retry.
 */
class GatewayFanOutTest {

  /** Sends each group through a relay built from the same models, as an executor does. */
  static final class RelayFanOut implements CallFanOut {
    final CallRelay relay;
    final List<Integer> groups = new CopyOnWriteArrayList<>();

    RelayFanOut(Map<String, ModelConfig> models) {
      relay = new CallRelay(models);
    }

    @Override
    public List<Answer> send(List<Call> calls) {
      groups.add(calls.size());
      return calls.stream().map(relay::answer).toList();
    }

    @Override
    public String describe() {
      return "an in-process relay";
    }
  }

  /** Answers nothing: every call comes back failed. */
  static final class Failing implements CallFanOut {
    final AtomicLong calls = new AtomicLong();

    @Override
    public List<Answer> send(List<Call> group) {
      calls.addAndGet(group.size());
      return group.stream().map(c -> new Answer(c.id(), null, "executor lost", 2, false)).toList();
    }

    @Override
    public String describe() {
      return "a failing fan-out";
    }
  }

  @Test
  void fannedOutCallsGetTheDirectAnswers_atTheListPrice_markedSimulated() throws Exception {
    for (ProviderKind kind : List.of(ProviderKind.OPENAI, ProviderKind.ANTHROPIC)) {
      List<GatewayBatchTest.City> direct;
      double directCost;
      try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT)) {
        String url = kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl();
        try (Gateway g = Gateway.builder().model("default", GatewayBatchTest.config(kind, url, false)).build()) {
          direct = GatewayBatchTest.askAll(g, 12);
          directCost = g.meter().total().costUsd();
        }
      }
      try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT)) {
        String url = kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl();
        ModelConfig config = GatewayBatchTest.config(kind, url, false);
        RelayFanOut fanOut = new RelayFanOut(Map.of("default", config));
        try (Gateway g = Gateway.builder().model("default", config).fanOut(fanOut).build()) {
          List<GatewayBatchTest.City> fanned = GatewayBatchTest.askAll(g, 12);

          assertThat(fanned).as(kind.wire()).isEqualTo(direct);
          assertThat(fanOut.groups.stream().mapToInt(Integer::intValue).sum()).as(kind.wire()).isEqualTo(12);
          assertThat(sim.requests()).isEqualTo(12);
          assertThat(g.meter().total().costUsd()).as(kind.wire()).isCloseTo(directCost, within(1e-12));
          assertThat(g.meter().total().calls()).isEqualTo(12);
          assertThat(g.meter().total().retries()).as("every call answered by the relay, none sent again").isZero();
          assertThat(g.simulated()).as("the simulator's header, seen on the executor, marks the run").isTrue();
          assertThat(g.batchStats().snapshot().batched()).as("a fan-out is not a provider batch").isZero();
        } finally {
          fanOut.relay.close();
        }
      }
    }
  }

  @Test
  void aCallTheFanOutCouldNotAnswer_isSentDirectly_andItsRetriesCounted() throws Exception {
    try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT)) {
      Failing fanOut = new Failing();
      try (Gateway g = Gateway.builder().model("default",
          GatewayBatchTest.config(ProviderKind.OPENAI, sim.baseUrl(), false)).fanOut(fanOut).build()) {
        List<GatewayBatchTest.City> cities = GatewayBatchTest.askAll(g, 5);

        assertThat(cities).extracting(GatewayBatchTest.City::city).containsExactly("City 0", "City 1", "City 2",
            "City 3", "City 4");
        assertThat(fanOut.calls.get()).isEqualTo(5);
        assertThat(sim.requests()).as("sent directly, once each").isEqualTo(5);
        assertThat(g.meter().total().retries()).as("2 on the executor and the fallback, per call").isEqualTo(15);
      }
    }
  }

  @Test
  void aRoleWithBatch_keepsItsProviderBatch_evenWithAFanOut() throws Exception {
    try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT)) {
      Failing fanOut = new Failing();
      try (Gateway g = Gateway.builder().model("default",
          GatewayBatchTest.config(ProviderKind.OPENAI, sim.baseUrl(), true)).fanOut(fanOut).build()) {
        GatewayBatchTest.askAll(g, 4);

        assertThat(fanOut.calls.get()).isZero();
        assertThat(sim.batchIds()).isNotEmpty();
      }
    }
  }

  @Test
  void aModelServedAtAnotherUrl_isCalledFromHere_sinceNoExecutorMaySendToIt() throws Exception {
    try (Simulator listed = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        Simulator trained = Simulator.start(null, GatewayBatchTest.BY_PROMPT)) {
      Failing fanOut = new Failing();
      try (Gateway g = Gateway.builder().model("default",
          GatewayBatchTest.config(ProviderKind.OPENAI, listed.baseUrl(), false)).fanOut(fanOut).build()) {
        String text = g.llm("default").withModel("checkpoint-1", trained.baseUrl())
            .text(io.synthkit.spi.Prompt.of("You name cities.", "City number 4"), "derived-1");

        assertThat(text).contains("City 4");
        assertThat(fanOut.calls.get()).as("the derived server is not fanned out").isZero();
        assertThat(trained.requests()).isEqualTo(1);
        assertThat(g.meter().total().retries()).isZero();
      }
    }
  }

  @Test
  void theSimulatedMark_comesOnlyFromAnAnswerThatCarriesIt() throws Exception {
    String reply = "{\"id\": \"c1\", \"object\": \"chat.completion\", \"model\": \"gpt-test\", \"choices\": [{\"index\": 0,"
        + " \"message\": {\"role\": \"assistant\", \"content\": \"{\\\"city\\\": \\\"City 1\\\", \\\"population\\\": 1007}\"},"
        + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 10, \"completion_tokens\": 5, \"total_tokens\": 15}}";
    for (boolean simulated : List.of(false, true)) {
      CallFanOut fanOut = FanOutBatchApiTest.fake(calls -> calls.stream()
          .map(c -> new CallFanOut.Answer(c.id(), reply, null, 0, simulated)).toList());
      // Nothing listens at this URL: every answer has to come from the fan-out.
      try (Gateway g = Gateway.builder().model("default",
          GatewayBatchTest.config(ProviderKind.OPENAI, "http://127.0.0.1:9/v1", false)).fanOut(fanOut).build()) {
        GatewayBatchTest.City city = g.llm("default").ask(io.synthkit.spi.Prompt.of("You name cities.",
            "City number 1"), GatewayBatchTest.City.class, "item-1");

        assertThat(city).isEqualTo(new GatewayBatchTest.City("City 1", 1007));
        assertThat(g.simulated()).as("simulated = " + simulated).isEqualTo(simulated);
      }
    }
  }
}
