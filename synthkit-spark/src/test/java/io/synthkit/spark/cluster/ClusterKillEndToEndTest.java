package io.synthkit.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.run.RunOutput;
import io.synthkit.spark.SparkRun;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's end-to-end promise on real processes: a standalone master and two worker JVMs, two model servers in
 * JVMs of their own (a role with {@code base_urls} listing both), a sharded Self-Instruct run submitted with
 * {@link SparkRun#generate}, and a {@code kill -9} of one worker (and its executor) once a shard has completed and
 * the worker is half way through another. The run still ends with exactly the target and unique ids, pays again only
 * for the calls that were in flight on the killed worker, uses both servers, and gives the dataset an uninterrupted
 * run gives.
 *
 * <p>Then ReverseGen on the same cluster: its loop in this driver, every model call sent from the surviving worker's
 * executor JVM, which keeps each answer in the run's {@code fanout/} before returning it.
 *
 * <p>No assertion depends on time: the kill waits for a state of the run directories, every wait has a generous
 * limit, and the simulated latency only keeps the shards running long enough for the kill to find them mid-way.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ClusterKillEndToEndTest {

  static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
  static final Path REVERSEGEN = QUICKSTART.resolveSibling("reversegen-safety.yaml");
  static final int TARGET = 40;
  static final int SHARDS = 4;
  static final int MAX_CONCURRENCY = 2;
  static final int ENDPOINTS = 2;
  /** Cores the killed worker offers: at most this many of its tasks (shards) run at once. */
  static final int KILLED_WORKER_CORES = 1;
  /**
   * The calls that can be in flight on the killed worker: each of its running shards has at most
   * {@code max_concurrency} calls open on each endpoint. Those are the only calls a kill may make the run pay twice
   * (sent, perhaps answered, but not yet in the shard's cache).
   */
  static final int IN_FLIGHT_BOUND = KILLED_WORKER_CORES * ENDPOINTS * MAX_CONCURRENCY;
  /**
   * Per reply: a shard's second batch then takes seconds, so the kill (as soon as its first batch is written) lands
   * while that batch's calls are in flight.
   */
  static final int LATENCY_MS = 1500;

  @TempDir
  Path dir;

  @Test
  void aShardedRun_survivesKillMinus9OfAWorker_payingOnlyInFlightCallsTwice_andGivesTheUninterruptedDataset()
      throws Exception {
    try (SimulatorJvm simA = SimulatorJvm.start("sim-a", dir, LATENCY_MS, 0);
        SimulatorJvm simB = SimulatorJvm.start("sim-b", dir, LATENCY_MS, 0);
        StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2)) {
      List<String> notices = new CopyOnWriteArrayList<>();
      RunListener listener = new RunListener() {
        @Override
        public void notice(String message) {
          notices.add(message);
        }
      };
      SparkSession spark = SparkSession.builder().config(cluster.driverConf("synthkit-e2e"))
          // Both executors up before the first job, so both workers run shards from the start.
          .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
          .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "300s")
          .getOrCreate();
      try {
        // The uninterrupted run: what the run costs and gives when nothing fails.
        SimulatorJvm.Calls a0 = simA.calls();
        SimulatorJvm.Calls b0 = simB.calls();
        Path clean = dir.resolve("uninterrupted");
        RunResult uninterrupted = SparkRun.generate(spark, QUICKSTART, overrides(clean, simA, simB), false, listener);
        SimulatorJvm.Calls cleanA = simA.calls().since(a0);
        SimulatorJvm.Calls cleanB = simB.calls().since(b0);
        SimulatorJvm.Calls cleanCalls = cleanA.plus(cleanB);
        String why = "notices: " + notices + "\n" + cluster.diagnostics();
        assertThat(uninterrupted.status()).as(uninterrupted.message() + "\n" + why).isEqualTo(RunStatus.COMPLETED);
        assertThat(cleanA.requests()).as("server A answered calls").isPositive();
        assertThat(cleanB.requests()).as("server B answered calls").isPositive();

        // The same run in a fresh directory, with worker 0 killed while shards have finished calls.
        Path killed = dir.resolve("killed");
        Path shardsDir = killed.resolve("quickstart/shards");
        List<String> overrides = overrides(killed, simA, simB);
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(
            () -> SparkRun.generate(spark, QUICKSTART, overrides, false, listener));
        awaitShardsHalfWay(shardsDir, run, cluster);
        cluster.killWorker(0);
        RunResult result = run.get(10, TimeUnit.MINUTES);
        SimulatorJvm.Calls killedA = simA.calls().since(a0).since(cleanA);
        SimulatorJvm.Calls killedB = simB.calls().since(b0).since(cleanB);
        SimulatorJvm.Calls killedCalls = killedA.plus(killedB);
        why = "notices: " + notices + "\n" + cluster.diagnostics();

        assertThat(result.status()).as(result.message() + "\n" + why).isEqualTo(RunStatus.COMPLETED);
        List<ObjectNode> records = RunOutput.objects(killed.resolve("quickstart/dataset.jsonl"));
        assertThat(records).hasSize(TARGET);
        List<String> ids = records.stream().map(n -> n.path("id").asText()).toList();
        assertThat(new HashSet<>(ids)).hasSize(TARGET);
        assertThat(Manifest.read(killed.resolve("quickstart")).accepted()).isEqualTo(TARGET);

        // The kill hit a shard that had already finished calls: it ran again, replaying those from its cache.
        List<Manifest> resumed = IntStream.range(0, SHARDS)
            .mapToObj(i -> Manifest.read(shardsDir.resolve("shard-" + i)))
            .filter(m -> m.timings().sessions() > 1).toList();
        assertThat(resumed).as("a shard restarted after the kill\n" + why).isNotEmpty();
        assertThat(resumed).anySatisfy(m -> assertThat(m.usage().total().cacheHits()).isPositive());

        // Exactly once: the same calls as the uninterrupted run, only those in flight on the killed worker paid twice.
        assertThat(killedCalls.keys().keySet()).as("the calls asked").isEqualTo(cleanCalls.keys().keySet());
        long extra = killedCalls.requests() - cleanCalls.requests();
        System.out.printf("e2e: uninterrupted %d calls (A %d, B %d); killed run %d calls (A %d, B %d): %d extra,"
                + " bound %d%n", cleanCalls.requests(), cleanA.requests(), cleanB.requests(), killedCalls.requests(),
            killedA.requests(), killedB.requests(), extra, IN_FLIGHT_BOUND);
        assertThat(extra).as("calls paid twice").isBetween(0L, (long) IN_FLIGHT_BOUND);
        assertThat(killedA.requests()).isPositive();
        assertThat(killedB.requests()).isPositive();

        // The same run gives the same dataset, kill or not.
        List<ObjectNode> expected = RunOutput.objects(clean.resolve("quickstart/dataset.jsonl"));
        assertThat(ids).isEqualTo(expected.stream().map(n -> n.path("id").asText()).toList());
        assertThat(records).isEqualTo(expected);

        // ReverseGen on the same cluster (the surviving worker): its loop in this driver, its calls sent from the
        // executor's JVM, which keeps every answer in fanout/ before returning it.
        SimulatorJvm.Calls a1 = simA.calls();
        SimulatorJvm.Calls b1 = simB.calls();
        Path rg = dir.resolve("reversegen");
        RunResult reverse = SparkRun.generate(spark, REVERSEGEN, reverseGenOverrides(rg, simA, simB), false,
            listener);
        long rgCalls = simA.calls().since(a1).plus(simB.calls().since(b1)).requests();
        Path rgDir = rg.resolve("reversegen-safety");
        assertThat(reverse.status()).as(reverse.message() + "\n" + cluster.diagnostics())
            .isEqualTo(RunStatus.COMPLETED);
        assertThat(rgCalls).isPositive().isEqualTo(Manifest.read(rgDir).usage().total().calls());
        try (Stream<Path> kept = Files.walk(rgDir.resolve("fanout"))) {
          assertThat(kept.filter(p -> p.toString().endsWith(".json")).count()).as("answers kept by the executor")
              .isEqualTo(rgCalls);
        }
        assertThat(RunOutput.objects(rgDir.resolve("dataset.jsonl"))).isNotEmpty()
            .allSatisfy(r -> assertThat(r.path("meta").path("simulated").asBoolean()).isTrue());
      } finally {
        spark.stop();
      }
    }
  }

  private static List<String> reverseGenOverrides(Path out, SimulatorJvm a, SimulatorJvm b) {
    return List.of("output_dir=" + out, "report.enabled=false", "target=6", "reversegen.iterations=2",
        "reversegen.prompts_per_iteration=3", "reversegen.samples_per_prompt=2", "models.default.provider=openai",
        "models.default.base_urls=" + Json.write(List.of(a.baseUrl(), b.baseUrl())),
        "models.default.api_key=sk-e2e", "models.default.model=synthkit-simulator",
        "models.default.max_concurrency=8");
  }

  private static List<String> overrides(Path out, SimulatorJvm a, SimulatorJvm b) {
    return List.of("output_dir=" + out, "report.enabled=false", "target=" + TARGET, "scale.shards=" + SHARDS,
        "self-instruct.batch_size=6", "models.default.provider=openai",
        "models.default.base_urls=" + Json.write(List.of(a.baseUrl(), b.baseUrl())),
        "models.default.api_key=sk-e2e", "models.default.model=synthkit-simulator",
        "models.default.max_concurrency=" + MAX_CONCURRENCY);
  }

  /**
   * Waits until a shard has finished and two others (one per worker: each executor has one core) have written records
   * without reaching their share of the target: then each worker has completed a shard and is in the middle of
   * another one, with finished calls in its cache and the next batch's calls in flight.
   */
  private static void awaitShardsHalfWay(Path shardsDir, CompletableFuture<RunResult> run, StandaloneCluster cluster)
      throws InterruptedException {
    int share = TARGET / SHARDS;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      List<Integer> lines = IntStream.range(0, SHARDS).mapToObj(i -> lines(shardsDir.resolve("shard-" + i))).toList();
      long done = lines.stream().filter(n -> n >= share).count();
      long midway = lines.stream().filter(n -> n > 0 && n < share).count();
      if (done >= 1 && midway >= 2) {
        System.out.println("e2e: killing worker 0; records per shard: " + lines);
        return;
      }
      if (run.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("never one shard done and two half way (records per shard: " + lines + ")\n"
            + cluster.diagnostics());
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static int lines(Path shardDir) {
    Path dataset = shardDir.resolve("dataset.jsonl");
    try {
      return Files.exists(dataset) ? (int) Files.readString(dataset).chars().filter(c -> c == '\n').count() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
