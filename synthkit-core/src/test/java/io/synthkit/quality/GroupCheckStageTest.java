package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.run.Manifest;
import io.synthkit.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCheckStageTest {

  @TempDir
  Path dir;

  static final String LONG = "A farmer plants seven rows of corn with twelve plants in each row and later adds three"
      + " more rows of the same size before the summer rains arrive in the valley";

  static final List<Map<String, Object>> ITEMS = List.of(
      Map.of("question", LONG),
      Map.of("question", "Which gas do plants absorb from the air during photosynthesis"),
      Map.of("question", LONG + " today"),
      Map.of("question", "Name the longest river that flows through Egypt and Sudan"));

  @Test
  void nearPairs_loseTheirLaterMember() {
    RunResult r = StageRuns.run(StageRuns.config(dir.resolve("a"), ITEMS, List.of("group_check")), req -> null);
    assertThat(StageRuns.dataset(r)).extracting(n -> n.path("id").asText())
        .containsExactly("item-0", "item-1", "item-3");
    JsonNode rejected = StageRuns.rejected(r).get(0);
    assertThat(rejected.path("step").asText()).isEqualTo("group_check");
    assertThat(rejected.path("reason").asText()).contains("l2 distance < 0.300").endsWith("record item-0");
    assertThat(Manifest.read(r.runDir()).summary().path("quality").path("group_check").path("dropped").asInt())
        .isEqualTo(1);
  }

  @Test
  void threshold_decidesWhatIsNear() {
    RunResult strict = StageRuns.run(StageRuns.config(dir.resolve("b"), ITEMS,
        List.of(Map.of("group_check", Map.of("metric", "cosine", "threshold", 0.999)))), req -> null);
    assertThat(strict.accepted()).isEqualTo(4);
  }
}
