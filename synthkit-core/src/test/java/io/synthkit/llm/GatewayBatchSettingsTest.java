package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The batch settings a user can turn, over real HTTP against the simulator: {@code batch_max_requests} caps the size
 * of each job, {@code price.batch_discount} sets what a batched call costs, and Anthropic's Message Batches recover
 * from failed and expired requests as OpenAI's Batch API does.
 */
class GatewayBatchSettingsTest {

  static ModelConfig config(ProviderKind kind, String url, int maxRequests, Price price) {
    return new ModelConfig(kind, url, "sk-batch-test", kind == ProviderKind.ANTHROPIC ? "claude-test" : "gpt-test",
        0.5, null, 256, null, null, 32, null, null, 20, 3, 2, null, null, price, null, null, null, null,
        null, null, null, null, true, maxRequests, 0.0, 0.3, null);
  }

  @Test
  void batchMaxRequests_capsEveryJob() throws Exception {
    Map<String, String> durable = new ConcurrentHashMap<>();
    try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        Gateway g = Gateway.builder().model("default", config(ProviderKind.OPENAI, sim.baseUrl(), 5,
            new Price(1.0, 2.0))).batchJournal(GatewayBatchTest.kept(durable)).build()) {
      List<GatewayBatchTest.City> got = GatewayBatchTest.askAll(g, 12);
      assertThat(got).extracting(GatewayBatchTest.City::city).contains("City 0", "City 11");
      List<String> ids = sim.batchIds();
      assertThat(ids).as("12 calls at most 5 per job").hasSizeGreaterThanOrEqualTo(3);
      int total = 0;
      for (String id : ids) {
        int requests = Json.parse(durable.get("job/" + id)).path("requests").asInt();
        assertThat(requests).as(id).isBetween(1, 5);
        total += requests;
      }
      assertThat(total).isEqualTo(12);
      assertThat(g.batchStats().snapshot().batched()).isEqualTo(12);
    }
  }

  @Test
  void batchDiscount_setsTheShareABatchedCallCosts() throws Exception {
    for (ProviderKind kind : List.of(ProviderKind.OPENAI, ProviderKind.ANTHROPIC)) {
      double direct;
      try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
          Gateway g = Gateway.builder().model("default", GatewayBatchTest.config(kind,
              kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl(), false)).build()) {
        GatewayBatchTest.askAll(g, 8);
        direct = g.meter().total().costUsd();
      }
      try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
          Gateway g = Gateway.builder().model("default", config(kind,
              kind == ProviderKind.ANTHROPIC ? sim.rootUrl() : sim.baseUrl(), 100,
              new Price(1.0, 2.0, null, null, 0.3))).build()) {
        GatewayBatchTest.askAll(g, 8);
        assertThat(g.batchStats().snapshot().batched()).isEqualTo(8);
        assertThat(direct).isPositive();
        assertThat(g.meter().total().costUsd()).as(kind.wire()).isCloseTo(direct * 0.3, within(1e-12));
      }
    }
  }

  @Test
  void batchDiscount_isReadFromTheConfigsPrice() {
    Price p = Json.convert(Json.parse("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"batch_discount\": 0.3}"),
        Price.class);
    assertThat(p.batchDiscountOrDefault()).isEqualTo(0.3);
    assertThat(new Price(1, 2).batchDiscountOrDefault()).isEqualTo(0.5);
  }

  @Test
  void anthropicFailedAndExpiredRequests_areSentAgainDirectly() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT.withBatches(2, 0.25, 0.25),
        GatewayBatchTest.BY_PROMPT);
        Gateway g = Gateway.builder().model("default", GatewayBatchTest.config(ProviderKind.ANTHROPIC, sim.rootUrl(),
            true)).build()) {
      List<GatewayBatchTest.City> got = GatewayBatchTest.askAll(g, 20);
      for (int i = 0; i < 20; i++) {
        assertThat(got.get(i).city()).isEqualTo("City " + i);
      }
      BatchStats.Snapshot s = g.batchStats().snapshot();
      assertThat(s.fellBack()).isPositive();
      assertThat(s.batched()).isPositive();
      assertThat(s.batched() + s.fellBack()).isEqualTo(20);
      assertThat(g.meter().total().retries()).isGreaterThanOrEqualTo(s.fellBack());
      assertThat(g.meter().total().calls()).isEqualTo(20);
    }
  }
}
