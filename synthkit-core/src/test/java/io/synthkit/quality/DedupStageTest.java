package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupStageTest {

  @TempDir
  Path dir;

  static final String CORN = "A farmer plants seven rows of corn with twelve plants in each row and later adds three"
      + " more rows of the same size before the summer rains arrive in the valley";
  static final String RIVER = "Name the longest river that flows through Egypt and Sudan and say which sea it reaches"
      + " after crossing the desert and passing the old capital on its eastern bank";

  @Test
  void secondNearDuplicate_quotesTheRecordItDuplicates() {
    // The index numbers every offered text, dropped ones included: the reason must quote the kept text with that
    // number, not whatever sits at that position among the kept texts only.
    List<Map<String, Object>> items = List.of(
        Map.of("question", CORN),
        Map.of("question", CORN + " today"),
        Map.of("question", RIVER),
        Map.of("question", RIVER + " today"));
    RunResult r = StageRuns.run(StageRuns.config(dir, items, List.of("dedup")), req -> null);

    assertThat(StageRuns.dataset(r)).extracting(n -> n.path("id").asText()).containsExactly("item-0", "item-2");
    List<JsonNode> rejected = StageRuns.rejected(r);
    assertThat(rejected).hasSize(2);
    assertThat(rejected.get(0).path("reason").asText()).startsWith("near duplicate").endsWith(CORN);
    assertThat(rejected.get(1).path("reason").asText()).startsWith("near duplicate").endsWith(RIVER);
  }
}
