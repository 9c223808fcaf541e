package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigLoader;
import io.synthkit.method.Methods;
import io.synthkit.run.RunOutput;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory on a shared Hadoop file system: a test-only scheme ({@link LocalTestFileSystem}) forces the Hadoop
 * code path, so nothing reaches the shard state except through {@link org.apache.hadoop.fs.FileSystem}. The session
 * ({@code local[2,2]}) retries a failed task once.
 */
class SharedRunTest {

  static final Path EXAMPLES = LocalSpark.EXAMPLES;

  static SparkSession spark;
  static Simulator sim;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.builder("local[2,2]", "SharedRunTest").config(SparkRun.SYNC_SECONDS, "0").getOrCreate();
    spark.sparkContext().hadoopConfiguration().set("fs." + LocalTestFileSystem.SCHEME + ".impl",
        LocalTestFileSystem.class.getName());
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
    spark.stop();
  }

  static String uri(Path local) {
    return LocalTestFileSystem.SCHEME + "://" + local.toAbsolutePath();
  }

  static List<String> overrides(String out, String... more) {
    List<String> all = new ArrayList<>(List.of("output_dir=" + out, "report.enabled=false",
        "models.default.provider=openai", "models.default.base_url=" + sim.baseUrl(),
        "models.default.api_key=sk-test", "models.default.model=synthkit-simulator"));
    all.addAll(List.of(more));
    return all;
  }

  static RunResult generate(List<String> overrides) {
    return SparkRun.generate(spark, EXAMPLES.resolve("quickstart.yaml"), overrides, false, RunListener.NONE);
  }

  @Test
  void aRunOnAHadoopUri_reachesTheTarget_withTheDatasetOfTheSameRunOnALocalPath() throws Exception {
    RunResult shared = generate(overrides(uri(dir.resolve("shared")), "target=12", "scale.shards=2"));
    RunResult local = generate(overrides(dir.resolve("local").toString(), "target=12", "scale.shards=2"));

    assertThat(shared.status()).as(shared.message()).isEqualTo(RunStatus.COMPLETED);
    assertThat(local.status()).as(local.message()).isEqualTo(RunStatus.COMPLETED);
    Path sharedRun = dir.resolve("shared/quickstart");
    List<ObjectNode> records = RunOutput.objects(sharedRun.resolve("dataset.jsonl"));
    assertThat(records).hasSize(12);
    assertThat(new HashSet<>(records.stream().map(r -> r.path("id").asText()).toList())).hasSize(12);
    assertThat(records).isEqualTo(RunOutput.objects(dir.resolve("local/quickstart/dataset.jsonl")));
    assertThat(sharedRun.resolve("manifest.json")).isRegularFile();
    assertThat(sharedRun.resolve("events.jsonl")).isRegularFile();
    for (int s = 0; s < 2; s++) {
      Path shard = sharedRun.resolve("shards/shard-" + s);
      assertThat(snapshots(shard)).as("one complete snapshot per shard is kept").hasSize(1);
      assertThat(snapshots(shard).get(0).resolve("state.db")).isRegularFile();
      assertThat(shard.resolveSibling("shard-" + s + ".lease")).as("the lease is released").doesNotExist();
    }

    long paid = sim.requests();
    RunResult resumed = generate(overrides(uri(dir.resolve("shared")), "target=12", "scale.shards=2"));
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(sim.requests()).as("a finished run resumed from its snapshots pays for no call").isEqualTo(paid);
    assertThat(RunOutput.objects(sharedRun.resolve("dataset.jsonl"))).isEqualTo(records);
  }

  @Test
  void aShardAttemptThatDied_isResumedFromItsLastSnapshot_andPaysNoSyncedCallAgain() throws Exception {
    Path config = EXAMPLES.resolve("quickstart.yaml");
    List<String> o = overrides(dir.resolve("ref").toString(), "target=48");
    ShardPlan plan = ShardPlanner.plan(ConfigLoader.load(config, o, System.getenv(), Methods.names()), 2,
        dir.resolve("ref/quickstart/shards"));
    ShardJob reference = plan.job(1, 24, config, o, dir.resolve("ref/quickstart/shards"));
    long before = sim.requests();
    assertThat(ShardTask.run(reference).status()).isEqualTo("completed");
    long uninterrupted = sim.requests() - before;

    SharedFs fs = SharedFs.of(uri(dir.resolve("shared")), "quickstart",
        spark.sparkContext().hadoopConfiguration());
    // an attempt that synced its state at 4 records of 24, then a later attempt that died before its next snapshot
    ShardOutcome synced4 = ShardTask.run(plan.job(1, 4, config, o, dir.resolve("unused")).on(fs, 3600));
    assertThat(synced4.status()).as(synced4.message()).isEqualTo("completed");
    Path shard = dir.resolve("shared/quickstart/shards/shard-1");
    assertThat(snapshots(shard)).hasSize(1);
    long synced = cachedCalls(snapshots(shard).get(0).resolve("state.db"));
    assertThat(synced).isPositive().isLessThan(uninterrupted);
    long beforeDeath = sim.requests();
    ShardOutcome died = ShardTask.run(plan.job(1, 24, config, o, dir.resolve("unused")).on(fs, 3600), false);
    assertThat(died.status()).isEqualTo("completed");
    assertThat(sim.requests() - beforeDeath).as("it resumed from the snapshot").isEqualTo(uninterrupted - synced);
    assertThat(cachedCalls(snapshots(shard).get(0).resolve("state.db"))).as("its work never reached the snapshot")
        .isEqualTo(synced);

    long beforeRetry = sim.requests();
    ShardOutcome retried = ShardTask.run(plan.job(1, 24, config, o, dir.resolve("unused")).on(fs, 3600));
    long paidByRetry = sim.requests() - beforeRetry;

    assertThat(retried.status()).as(retried.message()).isEqualTo("completed");
    assertThat(paidByRetry).as("the retry pays again only what came after the last snapshot")
        .isEqualTo(uninterrupted - synced);
    assertThat(cachedCalls(snapshots(shard).get(0).resolve("state.db"))).isEqualTo(uninterrupted);
    List<ObjectNode> records = RunOutput.objects(snapshots(shard).get(0).resolve("dataset.jsonl"));
    assertThat(records).isEqualTo(RunOutput.objects(dir.resolve("ref/quickstart/shards/shard-1/dataset.jsonl")));
    assertThat(dir.resolve("unused")).as("nothing is written where the driver's copy would be").doesNotExist();
  }

  @Test
  void aShardTaskThatFailsInSpark_isRetried_andTheRunReachesTheTargetWithTheLocalRunsDataset() throws Exception {
    long before = sim.requests();
    RunResult local = generate(overrides(dir.resolve("local").toString(), "target=12", "scale.shards=2"));
    long paidLocal = sim.requests() - before;
    assertThat(local.status()).isEqualTo(RunStatus.COMPLETED);

    spark.conf().set(SparkRun.SYNC_SECONDS, "3600"); // no snapshot before the final one
    LocalTestFileSystem.failOnce(".*/shards/shard-1/snapshot-[^/]*/" + ShardSync.DONE);
    long beforeShared = sim.requests();
    RunResult shared;
    try {
      shared = generate(overrides(uri(dir.resolve("shared")), "target=12", "scale.shards=2"));
    } finally {
      spark.conf().unset(SparkRun.SYNC_SECONDS);
      LocalTestFileSystem.failOnce(null);
    }
    long paidShared = sim.requests() - beforeShared;

    assertThat(shared.status()).as(shared.message()).isEqualTo(RunStatus.COMPLETED);
    Path sharedRun = dir.resolve("shared/quickstart");
    List<ObjectNode> records = RunOutput.objects(sharedRun.resolve("dataset.jsonl"));
    assertThat(new HashSet<>(records.stream().map(r -> r.path("id").asText()).toList())).hasSize(12);
    assertThat(records).isEqualTo(RunOutput.objects(dir.resolve("local/quickstart/dataset.jsonl")));
    long shard1 = io.synthkit.run.Manifest.read(dir.resolve("local/quickstart/shards/shard-1")).usage().total()
        .calls();
    assertThat(paidShared).as("the failed attempt synced nothing, so its shard's calls were paid once more")
        .isEqualTo(paidLocal + shard1);
  }

  @Test
  void anUnknownScheme_isAUsageError() {
    assertThatThrownBy(() -> generate(overrides("nosuchfs://cluster/runs", "target=4", "scale.shards=2")))
        .isInstanceOfSatisfying(SynthkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("no Hadoop file system for the scheme 'nosuchfs'");
  }

  private static List<Path> snapshots(Path shard) throws Exception {
    try (Stream<Path> list = Files.list(shard)) {
      return list.filter(p -> p.getFileName().toString().startsWith("snapshot-"))
          .filter(p -> Files.exists(p.resolve(ShardSync.DONE))).sorted().toList();
    }
  }

  private static long cachedCalls(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM responses")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
