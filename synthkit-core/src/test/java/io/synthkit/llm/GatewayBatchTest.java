package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Roles with {@code batch: true} over real HTTP against the simulator's batch APIs: the same answers as direct calls
 * at the price's batch discount, failed and expired requests sent again directly, and a journaled batch adopted by a
 * second gateway instead of submitted twice.
 */
class GatewayBatchTest {

  record City(String city, int population) {}

  /** Replies depend only on the prompt, so direct and batched calls can be compared answer for answer. */
  static final Responder BY_PROMPT = req -> {
    String q = req.lastUser();
    int n = q.replaceAll("\\D", "").isEmpty() ? 0 : Integer.parseInt(q.replaceAll("\\D", ""));
    return SimResponse.text("{\"city\": \"City " + n + "\", \"population\": " + (1000 + n * 7) + "}");
  };

  static ModelConfig config(ProviderKind kind, String url, boolean batch) {
    return new ModelConfig(kind, url, "sk-batch-test", kind == ProviderKind.ANTHROPIC ? "claude-test" : "gpt-test",
        0.5, null, 256, null, null, 32, null, null, 20, 3, 2, null, null, new Price(1.0, 2.0), null, null, null, null,
        null, null, null, null, batch ? true : null, 100, 0.0, 0.3, null);
  }

  static List<City> askAll(Gateway g, int n) throws Exception {
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      List<Future<City>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> g.llm("default").ask(Prompt.of("You name cities.", "City number " + k),
            City.class, "item-" + k)));
      }
      List<City> out = new ArrayList<>();
      for (Future<City> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void batchedCallsGetTheDirectAnswersAtHalfThePrice() throws Exception {
    for (ProviderKind kind : List.of(ProviderKind.OPENAI, ProviderKind.ANTHROPIC)) {
      List<City> direct;
      double directCost;
      try (Simulator sim = Simulator.start(null, BY_PROMPT)) {
        String url = kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl();
        try (Gateway g = Gateway.builder().model("default", config(kind, url, false)).build()) {
          direct = askAll(g, 12);
          directCost = g.meter().total().costUsd();
          assertThat(sim.batchIds()).isEmpty();
        }
      }
      try (Simulator sim = Simulator.start(null, BY_PROMPT)) {
        String url = kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl();
        try (Gateway g = Gateway.builder().model("default", config(kind, url, true)).build()) {
          List<City> batched = askAll(g, 12);
          assertThat(batched).as(kind.wire()).isEqualTo(direct);
          assertThat(sim.batchIds()).as(kind.wire()).isNotEmpty();
          assertThat(g.batchStats().snapshot().ids()).isEqualTo(sim.batchIds());
          assertThat(g.batchStats().snapshot().batched()).isEqualTo(12);
          assertThat(g.batchStats().snapshot().inProgress()).isZero();
          assertThat(directCost).isPositive();
          assertThat(g.meter().total().costUsd()).as(kind.wire()).isCloseTo(directCost * 0.5, within(1e-12));
          assertThat(g.simulated()).isTrue();
        }
      }
    }
  }

  @Test
  void failedAndExpiredRequestsAreSentAgainDirectly() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(2, 0.25, 0.25), BY_PROMPT);
        Gateway g = Gateway.builder().model("default", config(ProviderKind.OPENAI, sim.baseUrl(), true)).build()) {
      List<City> got = askAll(g, 20);
      for (int i = 0; i < 20; i++) {
        assertThat(got.get(i).city()).isEqualTo("City " + i);
      }
      BatchStats.Snapshot s = g.batchStats().snapshot();
      assertThat(s.fellBack()).isPositive();
      assertThat(s.batched() + s.fellBack()).isEqualTo(20);
      // every failed batch request was recorded as a retry and then answered directly
      assertThat(g.meter().total().retries()).isGreaterThanOrEqualTo(s.fellBack());
      assertThat(g.meter().total().calls()).isEqualTo(20);
    }
  }

  @Test
  void aParameterTheServerRefusedIsFixedInLaterBatches() throws Exception {
    // o3-mini refuses max_tokens (and temperature): the first batch's requests fail and go direct, where the gateway
    // learns the fixes; the next batch is sent with them and answered in full.
    ModelConfig reasoning = config(ProviderKind.OPENAI, null, true).withModel("o3-mini");
    try (Simulator sim = Simulator.start(null, BY_PROMPT);
        Gateway g = Gateway.builder().model("default", reasoning.withEndpoint(ProviderKind.OPENAI, sim.baseUrl()))
            .build()) {
      askAll(g, 6);
      BatchStats.Snapshot first = g.batchStats().snapshot();
      assertThat(first.fellBack()).isEqualTo(6);
      List<City> later = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        int k = 100 + i;
        later.add(g.llm("default").ask(Prompt.of("You name cities.", "City number " + k), City.class, "late-" + k));
      }
      assertThat(later).extracting(City::city).contains("City 100", "City 105");
      BatchStats.Snapshot second = g.batchStats().snapshot();
      assertThat(second.fellBack()).as("no more fallbacks once the fixes are learned").isEqualTo(6);
      assertThat(second.batched()).isEqualTo(6);
    }
  }

  /** A journal that dies at its second write (the batch id's), after or before storing it. */
  static BatchJournal dyingAtIdWrite(Map<String, String> durable, boolean storeIt) {
    java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    return new BatchJournal() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(durable.get(key));
      }

      @Override
      public void putAll(Map<String, String> entries) {
        if (writes.incrementAndGet() < 2) {
          durable.putAll(entries);
          return;
        }
        if (storeIt) {
          durable.putAll(entries);
        }
        throw new IllegalStateException("killed at the journal write");
      }
    };
  }

  static BatchJournal kept(Map<String, String> durable) {
    return new BatchJournal() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(durable.get(key));
      }

      @Override
      public void putAll(Map<String, String> entries) {
        durable.putAll(entries);
      }
    };
  }

  @Test
  void aJournaledBatchIsAdoptedNotSubmittedAgain() throws Exception {
    // killed right after the batch id was journaled (like kill -9 between the journal write and the first poll), and
    // killed after the provider created the batch but before its id was journaled (found by its metadata intent key)
    for (boolean idJournaled : List.of(true, false)) {
      Map<String, String> durable = new ConcurrentHashMap<>();
      try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(3, 0, 0), BY_PROMPT)) {
        try (Gateway first = Gateway.builder().model("default", config(ProviderKind.OPENAI, sim.baseUrl(), true))
            .batchJournal(dyingAtIdWrite(durable, idJournaled)).build()) {
          assertThatThrownBy(() -> askAll(first, 6)).hasRootCauseMessage("killed at the journal write");
        }
        assertThat(sim.batchIds()).hasSize(1);
        assertThat(durable.containsKey("job/" + sim.batchIds().get(0))).isEqualTo(idJournaled);
        try (Gateway second = Gateway.builder().model("default", config(ProviderKind.OPENAI, sim.baseUrl(), true))
            .batchJournal(kept(durable)).build()) {
          List<City> got = askAll(second, 6);
          assertThat(got).extracting(City::city).containsExactly("City 0", "City 1", "City 2", "City 3", "City 4",
              "City 5");
          assertThat(second.batchStats().snapshot().ids()).containsExactlyElementsOf(sim.batchIds());
        }
        assertThat(sim.batchIds()).as("no second batch (id journaled: %s)", idJournaled).hasSize(1);
        assertThat(durable.get("job/" + sim.batchIds().get(0))).contains("completed");
      }
    }
  }
}
