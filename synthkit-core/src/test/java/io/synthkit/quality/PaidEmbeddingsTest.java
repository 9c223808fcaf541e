package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.run.Manifest;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding calls to a paid provider are part of what a run costs: the group check's embeddings, sent over HTTP to the
 * simulator's /v1/embeddings, are counted under the role {@code embeddings} at {@code embeddings.price_per_mtok}, and
 * a budget they do not fit stops them before they are sent.
 */
class PaidEmbeddingsTest {

  @TempDir
  Path dir;

  static Map<String, Object> embeddings(Simulator sim, double price) {
    return Map.of("provider", "openai", "base_url", sim.baseUrl(), "api_key", "sk-embed", "model", "sim-embed",
        "price_per_mtok", price);
  }

  @Test
  void paidEmbeddings_countInUsageAndCost() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      RunResult r = StageRuns.run(StageRuns.config(dir, GroupCheckStageTest.ITEMS, List.of("group_check"))
          .set("embeddings", embeddings(sim, 20.0)), req -> null);
      Usage e = Manifest.read(r.runDir()).usage().byRole().get("embeddings");
      assertThat(e).as("usage of role embeddings").isNotNull();
      assertThat(e.calls()).isPositive();
      assertThat(e.promptTokens()).isPositive();
      assertThat(e.costUsd()).isCloseTo(e.promptTokens() * 20.0 / 1_000_000, within(1e-12));
      assertThat(r.usage().costUsd()).isGreaterThanOrEqualTo(e.costUsd());
    }
  }

  @Test
  void embeddingsOverTheBudget_areNotSent() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      RunResult r = StageRuns.runAnyStatus(StageRuns.config(dir, GroupCheckStageTest.ITEMS, List.of("group_check"))
          .set("embeddings", embeddings(sim, 1_000_000.0)).set("budget.max_cost_usd", 0.001), req -> null);
      assertThat(r.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
      assertThat(r.message()).contains("budget.max_cost_usd");
      assertThat(sim.requests()).as("embedding requests sent").isZero();
    }
  }
}
