package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.DataRecord;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory's files as {@link RunOutput} names and reads them. */
class RunOutputTest {

  @TempDir
  Path dir;

  @Test
  void namesEachFileOfTheRunDirectory() {
    RunOutput out = RunOutput.of(dir);
    assertThat(out.dir()).isEqualTo(dir);
    assertThat(List.of(out.dataset(), out.rejectedFile(), out.eventsFile(), out.manifestFile(), out.report(),
        out.state(), out.errorLog())).containsExactly(dir.resolve("dataset.jsonl"), dir.resolve("rejected.jsonl"),
        dir.resolve("events.jsonl"), dir.resolve("manifest.json"), dir.resolve("report.html"),
        dir.resolve("state.db"), dir.resolve("error.log"));
  }

  @Test
  void isRun_onlyWithAManifestFile() throws Exception {
    RunOutput out = RunOutput.of(dir);
    assertThat(out.isRun()).isFalse();
    Files.createDirectory(dir.resolve("manifest.json"));
    assertThat(out.isRun()).as("a directory is not a manifest").isFalse();
    Path other = Files.createDirectory(dir.resolve("r"));
    Files.writeString(other.resolve("manifest.json"), "{}");
    assertThat(RunOutput.of(other).isRun()).isTrue();
  }

  @Test
  void hasNoRecords_whenTheDatasetIsMissingOrEmpty() throws Exception {
    RunOutput out = RunOutput.of(dir);
    assertThat(out.hasNoRecords()).isTrue();
    Files.writeString(out.dataset(), "");
    assertThat(out.hasNoRecords()).isTrue();
    Files.writeString(out.dataset(), "\n");
    assertThat(out.hasNoRecords()).isFalse();
  }

  @Test
  void records_readIdDataAndMeta_skippingBlankAndTornLines() throws Exception {
    RunOutput out = RunOutput.of(dir);
    Files.writeString(out.dataset(), """
        {"id": "a", "data": {"q": 1}, "meta": {"m": true}}

        {"id": "b", "data": {"q": 2}}
        [1, 2]
        {"id": "c", "data": {"q\
        """);
    List<DataRecord> records = out.records();
    assertThat(records).extracting(DataRecord::id).containsExactly("a", "b");
    assertThat(records.get(0).data().path("q").asInt()).isEqualTo(1);
    assertThat(records.get(0).meta().path("m").asBoolean()).isTrue();
    assertThat(records.get(1).meta().isEmpty()).isTrue();
  }

  @Test
  void records_refuseALineThatIsNotARecord_namingFileAndLine() throws Exception {
    Path file = dir.resolve("d.jsonl");
    Files.writeString(file, "{\"id\": \"a\", \"data\": {}}\n{\"id\": 7, \"data\": {}}\n");
    assertThatThrownBy(() -> RunOutput.records(file)).isInstanceOf(SynthkitException.class)
        .hasMessage(file + ": record 2 is not a synthkit record (needs \"id\" and an object \"data\")");
    Files.writeString(file, "{\"id\": \"a\", \"data\": [1]}\n");
    assertThatThrownBy(() -> RunOutput.records(file)).hasMessageContaining("record 1 is not a synthkit record");
  }

  @Test
  void eventsAndRejections_areTheObjectsOfTheirFiles_andEmptyWhenAbsent() throws Exception {
    RunOutput out = RunOutput.of(dir);
    assertThat(out.events()).isEmpty();
    assertThat(out.rejections()).isEmpty();
    Files.writeString(out.eventsFile(), "{\"type\": \"x\"}\n{\"type\": \"y\"}\n");
    Files.writeString(out.rejectedFile(), "{\"step\": \"parse\"}\n");
    assertThat(out.events()).extracting(n -> n.path("type").asText()).containsExactly("x", "y");
    assertThat(out.rejections()).extracting(n -> n.path("step").asText()).containsExactly("parse");
  }
}
