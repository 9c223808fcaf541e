package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.run.TestRuns;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt over the model's context window drops its node or its child alone; the run goes on to its target. */
class AideContextLengthTest {

  @TempDir
  Path dir;

  @Test
  void overLongExtractionAndGradePrompts_dropTheirNodeAndChildOnly() {
    Set<String> overLong = Set.of("node/s1/extract", "node/s0.a0o1/grade/0");
    try (ContextWindowServer server = ContextWindowServer.start(new AideScript(), overLong::contains)) {
      RunResult r = Runs.run(server.configure(AideScript.config(dir, 12, AideScript.seeds(dir, "Q one?", "Q two?",
          "Q three?"), AideScript.personas(dir, "A nurse", "A pilot")).set("aide.attributes", 1)
          .set("personas.k", 1).set("aide.nodes_per_batch", 2)).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(12);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length"))
          .extracting(n -> n.path("key").asText()).containsExactlyInAnyOrder("node/s1/extract", "node/s0.a0o1");
      assertThat(TestRuns.lines(r.runDir(), "dataset.jsonl"))
          .noneMatch(l -> l.contains("\"aide-s1.") || l.contains("\"aide-s0.a0o1\""));
      assertThat(server.refused()).containsOnlyKeys(overLong);
    }
  }
}
