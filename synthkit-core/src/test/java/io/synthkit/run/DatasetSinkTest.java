package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Rejection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's three logs as the sink writes them: records up to the target, each rejection and event once. */
class DatasetSinkTest {

  @TempDir
  Path dir;

  private static DataRecord record(String id, String text) {
    return new DataRecord(id, Json.object().put("text", text), Json.object().put("k", "v"));
  }

  private List<JsonNode> lines(String file) {
    return TestRuns.lines(dir, file).stream().map(Json::parse).toList();
  }

  @Test
  void accept_writesRecordsWithTheirMethodAndMeta_untilTheTarget() {
    try (DatasetSink sink = new DatasetSink(dir, 2, "m", () -> true)) {
      assertThat(sink.runDir()).isEqualTo(dir);
      assertThat(sink.target()).isEqualTo(2);
      assertThat(sink.remaining()).isEqualTo(2);
      assertThat(sink.accept(record("a", "one"))).isTrue();
      assertThat(sink.full()).isFalse();
      assertThat(sink.accept(record("b", "two"))).isTrue();
      assertThat(sink.full()).isTrue();
      assertThat(sink.accept(record("c", "three"))).as("over the target").isFalse();
      assertThat(sink.accepted()).isEqualTo(2);
      assertThat(sink.remaining()).isZero();
    }
    List<JsonNode> lines = lines(RunOutput.DATASET);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(Json.parse(
        "{\"id\": \"a\", \"data\": {\"text\": \"one\"}, \"meta\": {\"method\": \"m\", \"k\": \"v\", \"simulated\": true}}"));
    assertThat(lines.get(1).path("id").asText()).isEqualTo("b");
  }

  @Test
  void aRecordOfARealModel_isNotMarkedSimulated() {
    try (DatasetSink sink = new DatasetSink(dir, 2, "m", () -> false)) {
      sink.accept(record("a", "one"));
    }
    assertThat(lines(RunOutput.DATASET).get(0).path("meta").has("simulated")).isFalse();
  }

  @Test
  void theSameIdTwiceInASession_isAnError() {
    try (DatasetSink sink = new DatasetSink(dir, 5, "m", () -> false)) {
      sink.accept(record("a", "one"));
      assertThatThrownBy(() -> sink.accept(record("a", "one"))).isInstanceOf(IllegalStateException.class)
          .hasMessage("the method emitted record id a twice");
    }
  }

  @Test
  void aReopenedSink_countsEarlierRecords_replaysThem_andCountsTheOnesThatDiffer() {
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      sink.accept(record("a", "one"));
      sink.accept(record("b", "two"));
    }
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      assertThat(sink.earlier()).isEqualTo(2);
      assertThat(sink.accepted()).isEqualTo(2);
      assertThat(sink.remaining()).isEqualTo(1);
      assertThat(sink.accept(record("a", "one"))).isTrue();
      assertThat(sink.accept(record("b", "changed"))).isTrue();
      assertThat(sink.replayed()).isEqualTo(2);
      assertThat(sink.divergences()).isEqualTo(1);
      assertThat(sink.accepted()).as("a replay adds nothing").isEqualTo(2);
      assertThat(sink.accept(record("c", "three"))).isTrue();
      assertThat(sink.full()).isTrue();
      assertThat(sink.repairedBytes()).isZero();
    }
    assertThat(lines(RunOutput.DATASET)).extracting(n -> n.path("data").path("text").asText())
        .containsExactly("one", "two", "three");
  }

  @Test
  void rejections_areWrittenOncePerKey_countedPerStep_mostFirst() {
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      sink.reject(Rejection.of("k1", "parse", "bad json"));
      sink.reject(Rejection.of("k1", "parse", "again"));
      sink.reject(Rejection.of("k2", "dedup", "near copy"));
      sink.reject(Rejection.of("k3", "dedup", "near copy"));
      sink.reject(Rejection.of("k4", "length", "too long"));
      assertThat(sink.rejected()).isEqualTo(4);
      assertThat(sink.rejectedBySteps()).containsExactly(java.util.Map.entry("dedup", 2),
          java.util.Map.entry("length", 1), java.util.Map.entry("parse", 1));
    }
    List<JsonNode> lines = lines(RunOutput.REJECTED);
    assertThat(lines).extracting(n -> n.path("key").asText()).containsExactly("k1", "k2", "k3", "k4");
    assertThat(lines.get(0).path("method").asText()).isEqualTo("m");
    assertThat(lines.get(0).path("reason").asText()).isEqualTo("bad json");
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      assertThat(sink.rejected()).as("counted again from the file").isEqualTo(4);
      assertThat(sink.rejectedBySteps()).containsEntry("dedup", 2).containsEntry("parse", 1);
      sink.reject(Rejection.of("k1", "parse", "a replay"));
      assertThat(sink.rejected()).isEqualTo(4);
    }
  }

  @Test
  void events_areWrittenOncePerKey_alsoAcrossSessions() {
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      sink.event(new RunEvent("e1", "round", Json.object().put("n", 1)));
      sink.event(new RunEvent("e1", "round", Json.object().put("n", 2)));
    }
    try (DatasetSink sink = new DatasetSink(dir, 3, "m", () -> false)) {
      sink.event(new RunEvent("e1", "round", Json.object().put("n", 3)));
      sink.event(new RunEvent("e2", "round", Json.object().put("n", 4)));
    }
    assertThat(lines(RunOutput.EVENTS)).containsExactly(Json.parse("{\"key\": \"e1\", \"type\": \"round\", \"n\": 1}"),
        Json.parse("{\"key\": \"e2\", \"type\": \"round\", \"n\": 4}"));
  }
}
