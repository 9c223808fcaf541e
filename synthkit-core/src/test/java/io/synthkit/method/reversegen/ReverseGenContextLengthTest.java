package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Runs;
import io.synthkit.method.ContextWindowServer;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt over the model's context window rejects its item, whether it is a proposer prompt, a probe of the target or
 * the responder's call for one record; the run goes on to its target.
 */
class ReverseGenContextLengthTest {

  @TempDir
  Path dir;

  @Test
  void overLongPrompts_rejectTheirItemsOnly_andTheRunReachesItsTarget() {
    Set<String> overLong = Set.of("iter/1/prompt/1/propose", "iter/1/prompt/0/sample/2/target",
        "iter/1/prompt/2/sample/1/respond");
    try (ContextWindowServer server = ContextWindowServer.start(
        ReverseGenSafetyTest.complianceJudged(new ConcurrentHashMap<>()), overLong::contains)) {
      // Without the over-long prompts iteration 1 yields five records (ReverseGenSafetyTest); two are lost here.
      RunResult r = Runs.run(server.configure(Scripts.config(dir, "safety", 3, Scripts.safetySeeds(dir))).build());

      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
      assertThat(r.exitCode()).isZero();
      assertThat(r.accepted()).isEqualTo(3);
      assertThat(ContextWindowServer.rejections(r.runDir(), "context_length"))
          .extracting(n -> n.path("key").asText()).containsExactlyInAnyOrder("iter/1/prompt/1/propose",
              "iter/1/prompt/0/sample/2/context_length", "iter/1/prompt/2/sample/1/respond");
      assertThat(ReverseGenSafetyTest.read(r, "dataset.jsonl")).extracting(n -> n.path("id").asText())
          .containsExactly("rg-i1-p0-s0", "rg-i1-p0-s3", "rg-i1-p2-s3");
      assertThat(server.refused()).containsOnlyKeys(overLong);
    }
  }
}
