package io.synthkit.method.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.json.Json;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.run.Manifest;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt over the model's context window rejects its item, whether it is a generation call, the internal
 * evaluation's call for one record, or the attribute extraction; the run goes on to its target.
 */
class DataGenContextLengthTest {

  @TempDir
  Path dir;

  /** Every judged item is good; everything else is the simulator's. */
  static final Responder GOOD = req -> req.callKey().endsWith("/judge")
      ? SimResponse.json(Json.object().put("reflection", "fine").put("is_good", true)) : null;

  @Test
  void overLongGenerationAndEvaluationPrompts_rejectTheirItemsOnly() {
    Set<String> overLong = Set.of("batch/1", "reflection/dg-b0-i2/round/0/judge");
    try (ContextWindowServer server = ContextWindowServer.start(GOOD, overLong::contains)) {
      RunResult r = Runs.run(server.configure(DataGenRuns.config(dir, 12, DataGenRuns.clusteredBase(dir))
          .set("datagen.stages", List.of(Map.of("reflection", Map.of("max_rounds", 1))))).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(12);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length"))
          .extracting(n -> n.path("key").asText())
          .containsExactlyInAnyOrder("batch/1", "quality/reflection/dg-b0-i2");
      assertThat(DataGenRuns.dataset(r.runDir())).extracting(n -> n.path("id").asText())
          .doesNotContain("dg-b0-i2").noneMatch(id -> id.startsWith("dg-b1-"));
      assertThat(Manifest.read(r.runDir()).summary().path("evaluation").path("reflection").path("dropped").asInt())
          .isEqualTo(1);
      assertThat(server.refused()).containsOnlyKeys(overLong);
    }
  }

  @Test
  void overLongAttributeExtraction_leavesBatchesUnsteered() {
    try (ContextWindowServer server = ContextWindowServer.start(GOOD, "attributes/extract"::equals)) {
      RunResult r = Runs.run(server.configure(DataGenRuns.config(dir, 4, DataGenRuns.clusteredBase(dir))
          .set("datagen.extract_attributes", true)).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.accepted()).isEqualTo(4);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length")).singleElement()
          .satisfies(n -> assertThat(n.path("key").asText()).isEqualTo("attributes/extract"));
      assertThat(Manifest.read(r.runDir()).summary().path("attributes").size()).isZero();
    }
  }
}
