package io.synthkit.method.selfref;

import static io.synthkit.method.selfref.SelfRefRuns.config;
import static io.synthkit.method.selfref.SelfRefRuns.fresh;
import static io.synthkit.method.selfref.SelfRefRuns.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt over the model's context window rejects its call, which is retried with a new key; the run goes on. */
class SelfReferenceContextLengthTest {

  @TempDir
  Path dir;

  @Test
  void overLongPrompt_rejectsThatCall_theStepRetries_andTheRunReachesItsTarget() {
    String key = "hop/0/r0/node/0/try/0";
    try (ContextWindowServer server = ContextWindowServer.start(req -> fresh(req, 5), key::equals)) {
      RunResult r = Runs.run(server.configure(config(dir, 8, "tree")).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(8);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length")).singleElement().satisfies(n -> {
        assertThat(n.path("key").asText()).isEqualTo(key);
        assertThat(n.path("reason").asText()).contains("maximum context length");
        assertThat(n.path("meta").path("parents").get(0).asText()).isEqualTo("seed");
      });
      // The seed's call was retried with the next key, and its examples are the first records.
      assertThat(read(r.runDir(), "dataset.jsonl").get(0).path("id").asText()).isEqualTo("sr-h0.r0.n0.t1.i0");
      assertThat(server.refused()).containsOnlyKeys(key);
    }
  }
}
