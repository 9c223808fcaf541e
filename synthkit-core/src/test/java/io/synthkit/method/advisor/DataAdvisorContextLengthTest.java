package io.synthkit.method.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.Runs;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt over the model's context window rejects its item, whichever step asked; the run goes on to its target. */
class DataAdvisorContextLengthTest {

  @TempDir
  Path dir;

  @Test
  void overLongPrompts_rejectTheirItemsOnly_andTheRunReachesItsTarget() {
    // A generation call (structured), a responder call (free text) and a summary update.
    Set<String> overLong = Set.of("iter/0/gen/2", "iter/1/gen/0/respond", "iter/1/summary");
    try (ContextWindowServer server = ContextWindowServer.start(new AdvisorScript(), overLong::contains)) {
      RunResult r = Runs.run(server.configure(AdvisorScript.safety(dir, 10)).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(10);
      List<JsonNode> rejected = ContextWindowServer.rejections(r.runDir(), "context_length");
      assertThat(rejected).extracting(n -> n.path("key").asText())
          .containsExactlyInAnyOrderElementsOf(overLong);
      assertThat(rejected).allSatisfy(n -> assertThat(n.path("reason").asText()).contains("maximum context length"));
      JsonNode response = rejected.stream().filter(n -> n.path("key").asText().endsWith("/respond")).findFirst()
          .orElseThrow();
      assertThat(response.path("item").path("prompt").asText()).isNotBlank();
      assertThat(response.path("meta").path("iteration").asInt()).isEqualTo(1);
      assertThat(server.refused()).containsOnlyKeys(overLong);
    }
  }
}
