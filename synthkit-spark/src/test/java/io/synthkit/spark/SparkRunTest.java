package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.Evaluation;
import io.synthkit.Export;
import io.synthkit.Synthkit;
import io.synthkit.run.Manifest;
import io.synthkit.run.RunOutput;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded runs in {@code local[2]} against a simulator over HTTP, whose request counter tells what was paid for.
 */
class SparkRunTest {

  static final Path EXAMPLES = LocalSpark.EXAMPLES;

  static SparkSession spark;
  static Simulator sim;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2]", "SparkRunTest");
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
    spark.stop();
  }

  static List<String> overrides(Path out, String... more) {
    List<String> all = new ArrayList<>(List.of("output_dir=" + out, "report.enabled=false",
        "models.default.provider=openai", "models.default.base_url=" + sim.baseUrl(),
        "models.default.api_key=sk-test", "models.default.model=synthkit-simulator"));
    all.addAll(List.of(more));
    return all;
  }

  static RunResult generate(String example, List<String> overrides) {
    return SparkRun.generate(spark, EXAMPLES.resolve(example), overrides, false, RunListener.NONE);
  }

  static List<ObjectNode> dataset(Path runDir) {
    return RunOutput.objects(runDir.resolve("dataset.jsonl"));
  }

  @Test
  void selfInstruct_threeShards_reachExactlyTheTarget_withUniqueIds_andASummedManifest() {
    List<RunListener.RunProgress> progress = new CopyOnWriteArrayList<>();
    RunResult r = SparkRun.generate(spark, EXAMPLES.resolve("quickstart.yaml"),
        overrides(dir, "target=21", "scale.shards=3"), false, new RunListener() {
          @Override
          public void progress(RunProgress p) {
            progress.add(p);
          }
        });

    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    Path runDir = dir.resolve("quickstart");
    List<ObjectNode> records = dataset(runDir);
    assertThat(records).hasSize(21);
    assertThat(new HashSet<>(records.stream().map(n -> n.path("id").asText()).toList())).hasSize(21);
    assertThat(records.stream().map(n -> n.path("meta").path("shard").asInt()).distinct()).hasSize(3);
    for (int s = 0; s < 3; s++) {
      assertThat(runDir.resolve("shards/shard-" + s + "/dataset.jsonl")).exists();
    }
    Manifest m = Manifest.read(runDir);
    long shardCalls = 0;
    for (int s = 0; s < 3; s++) {
      shardCalls += Manifest.read(runDir.resolve("shards/shard-" + s)).usage().total().calls();
    }
    assertThat(m.accepted()).isEqualTo(21);
    assertThat(m.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(m.usage().total().calls()).isEqualTo(shardCalls).isEqualTo(r.usage().calls()).isPositive();
    assertThat(m.summary().path("scale").path("shards").asInt()).isEqualTo(3);
    assertThat(progress).isNotEmpty();
    assertThat(progress.getLast().finished()).isTrue();
    assertThat(progress.getLast().step()).contains("shards");
  }

  @Test
  void theSameRun_twice_givesTheSameDataset_andAResumePaysNoCall() {
    List<String> o = overrides(dir.resolve("a"), "target=12", "scale.shards=2");
    RunResult first = generate("quickstart.yaml", o);
    assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.COMPLETED);
    long afterFirst = sim.requests();

    RunResult resumed = generate("quickstart.yaml", o);
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(sim.requests()).as("a finished run resumed pays for no call").isEqualTo(afterFirst);
    assertThat(dataset(dir.resolve("a/quickstart"))).hasSize(12);

    RunResult again = generate("quickstart.yaml", overrides(dir.resolve("b"), "target=12", "scale.shards=2"));
    assertThat(again.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(dataset(dir.resolve("b/quickstart"))).isEqualTo(dataset(dir.resolve("a/quickstart")));
  }

  @Test
  void aShardRunTwice_doesNotPayItsCallsTwice() {
    Path runDir = dir.resolve("quickstart");
    ShardPlan plan = ShardPlanner.plan(io.synthkit.config.ConfigLoader.load(EXAMPLES.resolve("quickstart.yaml"),
        overrides(dir, "target=8"), System.getenv(), io.synthkit.method.Methods.names()), 2, runDir.resolve("shards"));
    ShardJob job = plan.job(1, plan.targets()[1], EXAMPLES.resolve("quickstart.yaml"), overrides(dir, "target=8"),
        runDir.resolve("shards"));

    long before = sim.requests();
    ShardOutcome first = ShardTask.run(job);
    long paid = sim.requests() - before;
    ShardOutcome second = ShardTask.run(job);

    assertThat(first.status()).as(first.message()).isEqualTo("completed");
    assertThat(first.accepted()).isEqualTo(4);
    assertThat(paid).isPositive();
    assertThat(second.status()).isEqualTo("completed");
    assertThat(sim.requests() - before).as("the second attempt replays from the shard's cache").isEqualTo(paid);
    assertThat(dataset(Path.of(job.runDir()))).hasSize(4);
  }

  @Test
  void aide_shardsTheSeeds_andReachesTheTarget() {
    RunResult r = generate("aide-freetext.yaml", overrides(dir, "target=10", "scale.shards=2",
        "aide.depth=1"));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    List<ObjectNode> records = dataset(dir.resolve("aide-freetext"));
    assertThat(records).hasSize(10);
    assertThat(new HashSet<>(records.stream().map(n -> n.path("id").asText()).toList())).hasSize(10);
    // the seed parts are disjoint and cover the file
    List<String> part0 = lines(dir.resolve("aide-freetext/shards/seeds/shard-0.jsonl"));
    List<String> part1 = lines(dir.resolve("aide-freetext/shards/seeds/shard-1.jsonl"));
    assertThat(part0).doesNotContainAnyElementsOf(part1);
    assertThat(part0.size() + part1.size()).isEqualTo(lines(EXAMPLES.resolve("seeds/aide-coding-tasks.jsonl")).size());
  }

  @Test
  void dataGen_shardsTheAttributes_andTheMergedRunEvaluatesReportsAndExports() throws Exception {
    RunResult r = generate("datagen-mmlu.yaml", overrides(dir, "target=10", "scale.shards=2",
        "embeddings.provider=hashing"));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    Path runDir = dir.resolve("datagen-mmlu");
    assertThat(dataset(runDir)).hasSize(10);
    assertThat(Manifest.read(runDir.resolve("shards/shard-0")).config().path("datagen").path("attributes"))
        .hasSize(4);

    Evaluation.Result metrics = Synthkit.evaluate(Evaluation.of(runDir));
    assertThat(metrics.table()).isNotBlank();
    assertThat(Synthkit.report(runDir)).exists();
    Path out = dir.resolve("train.jsonl");
    Synthkit.export(Export.of(runDir, Export.Format.JSONL, out));
    assertThat(Files.readAllLines(out)).hasSize(10);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
