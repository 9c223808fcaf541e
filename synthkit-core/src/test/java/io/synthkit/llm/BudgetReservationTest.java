package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A budget is a promise: with many calls in flight, spend stays within it (over real HTTP to the simulator). */
class BudgetReservationTest {

  private static final int IN_FLIGHT = 64;

  private static ModelConfig priced(String url, int maxTokens) {
    return new ModelConfig(ProviderKind.OPENAI, url, "sk-test", "test-model", 0.5, null, maxTokens, null, null,
        IN_FLIGHT, null, null, 60, 0, 0, null, false, new Price(150.0, 600.0), null, null, null, null, null, null,
        null);
  }

  /** Every worker calls until the budget refuses; returns how many calls were refused. */
  private static int drain(Gateway g, AtomicInteger answered) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int w = 0; w < IN_FLIGHT; w++) {
        int worker = w;
        all.add(pool.submit(() -> {
          for (int i = 0; ; i++) {
            try {
              g.llm("default").text(Prompt.user("Write a long paragraph, please (" + worker + "/" + i + ")."),
                  "w" + worker + "/" + i);
              answered.incrementAndGet();
            } catch (BudgetExhaustedException e) {
              refused.incrementAndGet();
              return null;
            }
          }
        }));
      }
      for (Future<?> f : all) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return refused.get();
  }

  @Test
  void maxCostUsd_isNeverExceeded_with64CallsInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    // Replies near the 200-token limit, slow enough that the workers' calls overlap.
    String reply = "word ".repeat(180).trim();
    try (Simulator sim = Simulator.start(null, req -> {
      peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      return SimResponse.text(reply);
    }); Gateway g = Gateway.builder().model("default", priced(sim.baseUrl(), 200))
        .budget(new Budget(5.0, null)).build()) {
      AtomicInteger answered = new AtomicInteger();
      int refused = drain(g, answered);
      Usage spent = g.meter().total();
      assertThat(refused).as("every worker ends on the budget").isEqualTo(IN_FLIGHT);
      assertThat(spent.costUsd()).as("spent").isLessThanOrEqualTo(5.0);
      // Each call costs about $0.12; the budget is used, not left idle by holds that were too cautious.
      assertThat(spent.costUsd()).as("spent").isGreaterThan(3.0);
      assertThat(peak.get()).as("calls in flight at once").isGreaterThan(8);
      assertThat(spent.calls()).isEqualTo(answered.get());
    }
  }

  @Test
  void maxTokens_isNeverExceeded_andTheHoldCoversReasoningRoom() throws Exception {
    String reply = "word ".repeat(150).trim();
    try (Simulator sim = Simulator.start(null, req -> SimResponse.text(reply));
        Gateway g = Gateway.builder().model("default", priced(sim.baseUrl(), 200))
            .budget(new Budget(null, 20_000L)).build()) {
      AtomicInteger answered = new AtomicInteger();
      drain(g, answered);
      assertThat(g.meter().total().tokens()).isLessThanOrEqualTo(20_000L).isGreaterThan(10_000L);
    }
  }

  @Test
  void worstCase_readsTheLimitTheBodySendsAfterTheLearnedFixes() {
    var body = io.synthkit.json.Json.object().put("model", "o3-mini").put("max_tokens", 100);
    body.putArray("messages").addObject().put("role", "user").put("content", "hi");
    ParamRules renamed = ParamRules.NONE.with(new ParamRules.Rename("max_tokens", ParamRules.COMPLETION_LIMIT));
    BudgetLedger.Worst plain = Endpoint.worstCase(body, new Price(0, 1_000_000));
    BudgetLedger.Worst reasoning = Endpoint.worstCase(renamed.apply(body), new Price(0, 1_000_000));
    assertThat(plain.costUsd()).isEqualTo(100.0);
    // 100 visible tokens plus at least 1,024 of room for hidden reasoning.
    assertThat(reasoning.costUsd()).isEqualTo(1124.0);
    assertThat(reasoning.tokens()).isGreaterThan(1124L);
  }
}
