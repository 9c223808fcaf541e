package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.evaluation.FieldPath;
import io.synthkit.json.Json;
import io.synthkit.run.RunOutput;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.vector.GroupCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark group check gives the single-machine {@code group_check} stage's decisions on the same records. */
class GlobalGroupCheckTest {

  static final ExecutorEmbedder.Spec HASHING = new ExecutorEmbedder.Spec("hashing", null, null, null, null, null);

  static SparkSession spark;
  static JavaSparkContext jsc;
  static Simulator sim;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2]", "GlobalGroupCheckTest");
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
    spark.stop();
  }

  /** What the stage does: each text embedded, offered to a streaming keep-first check; -1 or the matched index. */
  static int[] singleMachine(List<String> texts, GlobalGroupCheck.Params p) {
    HashingEmbedder embedder = new HashingEmbedder();
    GroupCheck check = new GroupCheck(embedder.dimension(), p.options());
    int[] out = new int[texts.size()];
    List<Integer> offered = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      OptionalInt near = check.offer(embedder.embed(texts.get(i)));
      offered.add(i);
      out[i] = near.isPresent() ? offered.get(near.getAsInt()) : -1;
    }
    return out;
  }

  @Test
  void sparkGroupCheck_dropsTheSameTexts_namingTheSameEarlierText() {
    List<String> texts = GlobalDedupTest.texts(5, 2500); // a fifth are near copies with one word changed
    for (GlobalGroupCheck.Params p : List.of(GlobalGroupCheck.Params.DEFAULT,
        new GlobalGroupCheck.Params(null, "l2", 0.45), new GlobalGroupCheck.Params(null, "cosine", 0.9))) {
      GlobalGroupCheck.Result spark = GlobalGroupCheck.run(jsc, "test", texts, p, HASHING);
      int[] local = singleMachine(texts, p);

      assertThat(spark.duplicateOf()).as(p.toString()).isEqualTo(local);
      assertThat(spark.dropped()).as("planted near copies are found").isGreaterThan(100);
      assertThat(spark.dropped()).as("not everything is near").isLessThan(texts.size() / 2);
    }
  }

  @Test
  void ranges_coverEveryRowOnce_withAboutEqualPairCounts() {
    List<int[]> ranges = GlobalGroupCheck.ranges(10_000, 8);
    assertThat(ranges.get(0)[0]).isZero();
    assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(10_000);
    long total = 10_000L * 9_999 / 2;
    for (int k = 0; k < ranges.size(); k++) {
      int[] r = ranges.get(k);
      if (k > 0) {
        assertThat(r[0]).isEqualTo(ranges.get(k - 1)[1]);
      }
      long pairs = 0;
      for (int i = r[0]; i < r[1]; i++) {
        pairs += 10_000 - i - 1;
      }
      assertThat((double) pairs / total).as("range %d", k).isBetween(0.12, 0.13);
    }
    assertThat(GlobalGroupCheck.ranges(3, 8)).hasSizeLessThanOrEqualTo(3);
  }

  @Test
  void mergedRun_keepsWhatTheSingleMachineDedupAndGroupCheckKeep_overTheInterleavedShards() throws Exception {
    // datagen-mmlu lists group_check in quality:, so the merge runs it after the global dedup, on the cluster; a
    // loose threshold makes the simulator's questions (random words) from different shards meet.
    Path config = dir.resolve("datagen-mmlu.yaml");
    java.nio.file.Files.writeString(config, java.nio.file.Files.readString(SparkRunTest.EXAMPLES.resolve(
        "datagen-mmlu.yaml")).replace("seeds/", SparkRunTest.EXAMPLES.resolve("seeds") + "/")
        .replace("  - group_check\n", "  - group_check: {metric: cosine, threshold: 0.12}\n"));
    List<String> overrides = new ArrayList<>(List.of("output_dir=" + dir, "report.enabled=false",
        "models.default.provider=openai", "models.default.base_url=" + sim.baseUrl(),
        "models.default.api_key=sk-test", "models.default.model=synthkit-simulator", "target=20",
        "scale.shards=2", "embeddings.provider=hashing"));
    RunResult r = SparkRun.generate(spark, config, overrides, false, RunListener.NONE);
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    Path runDir = dir.resolve("datagen-mmlu");

    List<ObjectNode> merged = Merge.interleave(List.of(
        RunOutput.objects(runDir.resolve("shards/shard-0/dataset.jsonl")),
        RunOutput.objects(runDir.resolve("shards/shard-1/dataset.jsonl"))));
    List<DataRecord> records = merged.stream().map(n -> new DataRecord(n.path("id").asText(),
        (ObjectNode) n.get("data"), Json.object())).toList();
    RunConfig loaded = ConfigLoader.load(config, overrides, System.getenv(), io.synthkit.method.Methods.names());
    GlobalGroupCheck.Params p = GlobalGroupCheck.Params.of(loaded);
    assertThat(p).isEqualTo(new GlobalGroupCheck.Params(null, "cosine", 0.12));
    FieldPath field = FieldPath.detect(records);
    List<String> texts = records.stream().map(rec -> String.valueOf(field.text(rec))).toList();

    // One machine: dedup (default parameters), then the group check on the survivors, until the target.
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex near = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.8);
    HashingEmbedder embedder = new HashingEmbedder();
    GroupCheck check = new GroupCheck(embedder.dimension(), p.options());
    List<String> expected = new ArrayList<>();
    List<String> grouped = new ArrayList<>();
    for (int i = 0; i < texts.size() && expected.size() < 20; i++) {
      if (exact.add(texts.get(i)) && near.offer(texts.get(i)).isEmpty()) {
        if (check.offer(embedder.embed(texts.get(i))).isEmpty()) {
          expected.add(records.get(i).id());
        } else {
          grouped.add("global-group-check:" + records.get(i).id());
        }
      }
    }
    List<String> kept = RunOutput.objects(runDir.resolve("dataset.jsonl")).stream()
        .map(n -> n.path("id").asText()).toList();
    assertThat(kept).isEqualTo(expected);
    assertThat(RunOutput.objects(runDir.resolve("rejected.jsonl")).stream()
        .filter(n -> n.path("step").asText().equals(GlobalQuality.GROUP_CHECK)).map(n -> n.path("key").asText()))
        .as("the group check's rejections").isEqualTo(grouped);
    assertThat(grouped).as("records of different shards met").isNotEmpty();
    ObjectNode summary = (ObjectNode) Json.parse(java.nio.file.Files.readString(runDir.resolve("manifest.json")))
        .path("summary");
    assertThat(summary.path("global_group_check").path("metric").asText()).isEqualTo("cosine");
    assertThat(summary.path("global_group_check").path("embedder").asText()).isEqualTo("hashing");
  }
}
