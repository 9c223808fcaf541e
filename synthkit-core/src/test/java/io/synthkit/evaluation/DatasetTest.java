package io.synthkit.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

  @TempDir
  Path dir;

  @Test
  void load_mixedLines_keepsRecordShapeAndWrapsPlainObjects() throws IOException {
    Path f = dir.resolve("d.jsonl");
    Files.writeString(f, """
        {"id":"a1","data":{"prompt":"p1"},"meta":{"category":"x"}}

        {"prompt":"p2","response":"r2"}
        {"id":"own","prompt":"p3"}
        """);
    Dataset d = Dataset.load(f);
    assertThat(d.name()).isEqualTo("d.jsonl");
    assertThat(d.records()).extracting(r -> r.id()).containsExactly("a1", "line-3", "own");
    assertThat(d.records().get(0).meta().path("category").asText()).isEqualTo("x");
    assertThat(d.records().get(1).data().path("response").asText()).isEqualTo("r2");
    assertThat(d.manifest()).isEmpty();
    assertThat(d.events()).isEmpty();
  }

  @Test
  void load_badLine_namesFileAndLine() throws IOException {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"a\":1}\n[1,2]\n");
    assertThatThrownBy(() -> Dataset.load(f)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("bad.jsonl:2").hasMessageContaining("expected a JSON object");
  }

  @Test
  void load_directoryWithoutDataset_isAnInputError() {
    assertThatThrownBy(() -> Dataset.load(dir)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("without dataset.jsonl");
  }

  @Test
  void load_textFile_oneItemPerLine() throws IOException {
    Path f = dir.resolve("t.txt");
    Files.writeString(f, "first line\nsecond line\n");
    Dataset d = Dataset.load(f);
    assertThat(d.records()).extracting(r -> r.data().path("text").asText()).containsExactly("first line",
        "second line");
  }

  @Test
  void seeds_load_givesSeedIdsInFileOrder() throws IOException {
    Path f = dir.resolve("seeds.jsonl");
    Files.writeString(f, "{\"instruction\":\"a\",\"id\":\"mine\"}\n{\"instruction\":\"b\"}\n");
    assertThat(Seeds.load(f).records()).extracting(r -> r.id()).containsExactly("seed-0", "seed-1");
  }

  @Test
  void seeds_locate_findsARelativeSeedPathBesideTheConfigDirectory() throws IOException {
    Path examples = Files.createDirectories(dir.resolve("repo/examples/seeds"));
    Files.writeString(examples.resolve("s.jsonl"), "{\"instruction\":\"x\"}\n");
    Path run = Files.createDirectories(dir.resolve("repo/runs/r1"));
    Files.writeString(run.resolve("manifest.json"), "{\"name\":\"r1\",\"method\":\"self-instruct\",\"status\":"
        + "\"completed\",\"target\":1,\"accepted\":0,\"rejected\":0,\"simulated\":true,"
        + "\"config\":{\"data\":{\"seeds\":\"seeds/s.jsonl\"}}}");
    assertThat(Seeds.locate(run)).contains(dir.resolve("repo/examples/seeds/s.jsonl"));
    Files.writeString(run.resolve("report.json"), "{\"seeds_file\":\"" + examples.resolve("s.jsonl") + "\"}");
    assertThat(Seeds.locate(run)).contains(examples.resolve("s.jsonl"));
  }
}
