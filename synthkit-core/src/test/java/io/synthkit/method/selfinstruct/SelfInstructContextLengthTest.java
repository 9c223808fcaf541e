package io.synthkit.method.selfinstruct;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.run.TestRuns;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt over the model's context window rejects its call; the run goes on to its target. */
class SelfInstructContextLengthTest {

  @TempDir
  Path dir;

  @Test
  void overLongPrompt_rejectsThatCallOnly_andTheRunReachesItsTarget() {
    String key = "round/0/prompt/1";
    try (ContextWindowServer server = ContextWindowServer.start(SelfInstructTest.script(new ConcurrentHashMap<>(),
        Map.of()), key::equals)) {
      RunResult r = Runs.run(server.configure(TestRuns.selfInstruct(dir, 6)).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(6);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length")).singleElement().satisfies(n -> {
        assertThat(n.path("key").asText()).isEqualTo(key);
        assertThat(n.path("reason").asText()).contains("HTTP 400", "maximum context length is 8192 tokens");
      });
      assertThat(server.refused()).containsOnlyKeys(key);
    }
  }
}
