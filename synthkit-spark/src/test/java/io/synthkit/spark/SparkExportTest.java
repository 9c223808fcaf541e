package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.Export;
import io.synthkit.Synthkit;
import io.synthkit.json.Json;
import io.synthkit.run.RunOutput;
import io.synthkit.spi.ScaleOut;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark export in {@code local[2]} against the single-machine export of the same merged run: the same bytes for
 * the line formats, the same rows in the same order per partition for Parquet.
 */
class SparkExportTest {

  static SparkSession spark;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2]", "SparkExportTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * A merged run of {@code n} records over 3 shards and 3 categories, with nested and numeric fields; every 7th has
   * an empty output, so the chat formats leave it out.
   */
  static Path mergedRun(Path dir, int n) throws IOException {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    List<String> lines = new ArrayList<>();
    String[] categories = {"math", "code", "prose"};
    for (int i = 0; i < n; i++) {
      ObjectNode line = Json.object().put("id", "s" + (i % 3) + "-r" + i);
      line.putObject("data").put("instruction", "task " + i + " é\u2028\"q\"")
          .put("input", i % 2 == 0 ? "" : "ctx " + i).put("output", i % 7 == 0 ? "" : "answer " + i).put("category", categories[(i * 5 / 3) % 3]).put("n", i)
          .putObject("extra").put("score", i / 4.0).put("tag", "t" + i % 4);
      line.putObject("meta").put("shard", i % 3);
      lines.add(Json.write(line));
    }
    Files.write(run.resolve("dataset.jsonl"), lines);
    return run;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jsonl", "openai-chat", "alpaca", "sharegpt"})
  void lineFormats_areByteIdenticalToTheSingleMachineExport(String format) throws IOException {
    Path run = mergedRun(dir, 120);
    Export.Result one = Synthkit.export(Export.of(run, Export.Format.of(format), dir.resolve("one.jsonl"))
        .withCard(false));
    Export.Result sparked = SparkExport.export(spark, run, dir.resolve("spark.jsonl"), format, List.of());

    assertThat(Files.mismatch(one.out(), sparked.out())).isEqualTo(-1L);
    assertThat(sparked.rows()).isEqualTo(one.rows());
    assertThat(sparked.skipped()).isEqualTo(one.skipped());
    assertThat(sparked.mapping()).isEqualTo(one.mapping());
    assertThat(sparked.notes()).isEqualTo(one.notes());
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("run", "one.jsonl",
        "spark.jsonl"); // no part files or scratch directories left behind
  }

  @ParameterizedTest
  @ValueSource(strings = {"dpo", "openai-dpo"})
  void preferenceFormats_readTheRunsPairs_asTheSingleMachineExportDoes(String format) throws IOException {
    Path run = mergedRun(dir, 30);
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pairs.add(Json.write(Json.object().put("id", "p" + i).set("data", Json.object().put("prompt", "q " + i)
          .put("chosen", "good " + i).put("rejected", i % 5 == 0 ? "" : "bad " + i))));
    }
    Files.write(run.resolve("pairs.jsonl"), pairs);
    Export.Result one = Synthkit.export(Export.of(run, Export.Format.of(format), dir.resolve("one.jsonl"))
        .withCard(false));
    Export.Result sparked = SparkExport.export(spark, run, dir.resolve("spark.jsonl"), format, List.of());

    assertThat(one.rows()).isEqualTo(24);
    assertThat(Files.mismatch(one.out(), sparked.out())).isEqualTo(-1L);
    assertThat(sparked.notes()).isEqualTo(one.notes()).hasSize(2);
  }

  @Test
  void datasetCard_isTheSingleMachineCard() throws IOException {
    Path run = mergedRun(dir, 40);
    Path a = dir.resolve("a/train.jsonl");
    Path b = dir.resolve("b/train.jsonl");
    Export.Result one = Synthkit.export(Export.of(run, Export.Format.ALPACA, a));
    Export.Result sparked = SparkExport.export(spark, Export.of(run, Export.Format.ALPACA, b), List.of());

    assertThat(sparked.card()).isEqualTo(dir.resolve("b/train.README.md"));
    assertThat(Files.readString(sparked.card())).isEqualTo(Files.readString(one.card()));
  }

  @Test
  void parquet_byShard_holdsEachShardsJsonlRows_inTheExportsOrder() throws IOException {
    Path run = mergedRun(dir, 90);
    Path jsonl = Synthkit.export(Export.of(run, Export.Format.JSONL, dir.resolve("one.jsonl")).withCard(false)).out();
    Export.Result r = SparkExport.export(spark, run, dir.resolve("out.parquet"), "parquet", List.of("shard"));

    List<ObjectNode> expected = RunOutput.objects(jsonl);
    List<ObjectNode> records = RunOutput.objects(run.resolve("dataset.jsonl"));
    assertThat(r.rows()).isEqualTo(90);
    for (int s = 0; s < 3; s++) {
      int shard = s;
      List<ObjectNode> mine = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).path("meta").path("shard").asInt() == shard) {
          mine.add(expected.get(i));
        }
      }
      assertThat(rows(dir.resolve("out.parquet/shard=" + s))).containsExactlyElementsOf(mine);
    }
  }

  @Test
  void parquet_byCategory_holdsEachCategorysRows_inTheExportsOrder() throws IOException {
    Path run = mergedRun(dir, 60);
    List<ObjectNode> expected = RunOutput.objects(
        Synthkit.export(Export.of(run, Export.Format.JSONL, dir.resolve("one.jsonl")).withCard(false)).out());
    SparkExport.export(spark, run, dir.resolve("out.parquet"), "parquet", List.of("category"));

    for (String c : List.of("math", "code", "prose")) {
      List<ObjectNode> mine = expected.stream().filter(o -> o.path("category").asText().equals(c))
          .map(o -> (ObjectNode) o.deepCopy().without("category")).toList();
      assertThat(mine).isNotEmpty();
      assertThat(rows(dir.resolve("out.parquet/category=" + c))).containsExactlyElementsOf(mine);
    }
  }

  @Test
  void parquet_unpartitioned_isReplacedByTheNextExport_butAForeignDirectoryIsNot() throws IOException {
    Path run = mergedRun(dir, 30);
    Path out = dir.resolve("out.parquet");
    SparkExport.export(spark, run, out, "parquet", List.of());
    SparkExport.export(spark, run, out, "parquet", List.of());
    assertThat(spark.read().parquet(out.toString()).count()).isEqualTo(30);

    Path foreign = Files.createDirectories(dir.resolve("mine"));
    assertThatThrownBy(() -> SparkExport.export(spark, run, foreign, "parquet", List.of()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("not a previous Spark export");
  }

  @Test
  void partitionBy_aFieldTheRowsLack_exitsTwo_namingTheirFields() throws IOException {
    Path run = mergedRun(dir, 10);
    assertThatThrownBy(() -> SparkExport.export(spark, run, dir.resolve("o"), "parquet", List.of("topic")))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("no top-level field topic")
        .hasMessageContaining("category").extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(2);
  }

  @Test
  void partitionByShard_ofAnUnmergedRun_exitsTwo() throws IOException {
    Path run = dir.resolve("plain");
    Files.createDirectories(run);
    Files.writeString(run.resolve("dataset.jsonl"), "{\"id\":\"a\",\"data\":{\"text\":\"x\"},\"meta\":{}}\n");
    assertThatThrownBy(() -> SparkExport.export(spark, run, dir.resolve("o"), "parquet", List.of("shard")))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("meta.shard");
  }

  /** 10: the bad line is among the first 200, read on the driver; 250: only a task reads it. */
  @ParameterizedTest
  @ValueSource(ints = {10, 250})
  void aLineThatIsNotJson_exitsTwo_namingTheFile(int before) throws IOException {
    Path run = mergedRun(dir, before);
    Files.writeString(run.resolve("dataset.jsonl"), "not json\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> SparkExport.export(spark, run, dir.resolve("o.jsonl"), "jsonl", List.of()))
        .isInstanceOf(SynthkitException.class).hasMessageContaining(run.resolve("dataset.jsonl").toString())
        .hasMessageContaining("not JSON").extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(2);
    assertThat(dir.resolve("o.jsonl")).doesNotExist();
  }

  @Test
  void partitionBy_withALineFormat_isRefused() throws IOException {
    Path run = mergedRun(dir, 10);
    assertThatThrownBy(() -> SparkExport.export(spark, run, dir.resolve("o"), "jsonl", List.of("shard")))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("needs --format parquet");
  }

  @Test
  void scaleOutFoundByServiceLoader_exports_asTheCliCallsIt() throws IOException {
    Path run = mergedRun(dir, 20);
    ScaleOut engine = ServiceLoader.load(ScaleOut.class).stream().map(ServiceLoader.Provider::get)
        .filter(s -> s.name().equals("spark")).findFirst().orElseThrow();
    Path out = dir.resolve("o/train.parquet");

    List<String> said = engine.export(run, "parquet", out, List.of("shard"), "prompt=data.instruction", null, true,
        "local[2]");

    assertThat(said.get(0)).isEqualTo("exported 20 rows as parquet partitioned by shard to " + out
        + " (Spark, local[2])");
    assertThat(said).contains("dataset card: " + dir.resolve("o/train.README.md"));
    assertThat(Files.isRegularFile(out.resolve("_SUCCESS"))).isTrue();
    spark = LocalSpark.start("local[2]", "SparkExportTest"); // the engine stopped the shared session
  }

  /** The rows of the one Parquet file in a partition directory, in file order. */
  private static List<ObjectNode> rows(Path partition) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(partition)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
    }
    assertThat(files).hasSize(1);
    return spark.read().parquet(files.get(0).toString()).toJSON().collectAsList().stream()
        .map(l -> (ObjectNode) Json.parse(l)).toList();
  }
}
