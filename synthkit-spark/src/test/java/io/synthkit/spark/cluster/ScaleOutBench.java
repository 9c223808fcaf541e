package io.synthkit.spark.cluster;

import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.spark.SparkRun;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: generation throughput of a sharded Self-Instruct run with 1, 2 and 4 shards over 1, 2 and 4
 * model servers of fixed capacity (each a {@link SimulatorProcess} in its own JVM: a fixed latency per reply and at
 * most {@code capacity} requests in flight, a 429 beyond). Each shard may keep {@code capacity} calls open per server,
 * so one shard can fill one server; the question is whether the rate follows the servers or only the shards.
 *
 * <p>Runs in {@code local[4]} (every shard its own task slot). Arguments, all optional: {@code latency-ms} (250),
 * {@code capacity} (4), {@code target} (96), {@code work-dir} (a temporary directory). Prints one line per cell.
 */
public final class ScaleOutBench {

  private ScaleOutBench() {}

  /**
   * Entry point.
   *
   * @param args latency-ms capacity target work-dir
   * @throws Exception when a server does not start or a run fails
   */
  public static void main(String[] args) throws Exception {
    int latency = args.length > 0 ? Integer.parseInt(args[0]) : 250;
    int capacity = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int target = args.length > 2 ? Integer.parseInt(args[2]) : 96;
    Path dir = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("scale-bench");
    Path config = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
    List<SimulatorJvm> sims = new ArrayList<>();
    SparkSession spark = SparkSession.builder().master("local[4]").appName("ScaleOutBench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
    try {
      for (int i = 0; i < 4; i++) {
        sims.add(SimulatorJvm.start("sim-" + i, dir, latency, capacity));
      }
      System.out.printf(Locale.ROOT, "servers: %d ms per reply, capacity %d (at most %.1f replies/s each); target %d;"
          + " %d cores%n", latency, capacity, capacity * 1000.0 / latency, target,
          Runtime.getRuntime().availableProcessors());
      // A warm-up run, so the first cell does not pay for class loading and JIT.
      run(spark, config, dir.resolve("warmup"), sims.subList(0, 1), 1, capacity, target / 4);
      System.out.println("shards endpoints  records/s  calls/s  calls  retries  wall-s");
      for (int endpoints : new int[] {1, 2, 4}) {
        for (int shards : new int[] {1, 2, 4}) {
          Path out = dir.resolve("s" + shards + "-e" + endpoints);
          long start = System.nanoTime();
          Manifest m = run(spark, config, out, sims.subList(0, endpoints), shards, capacity, target);
          double wall = (System.nanoTime() - start) / 1e9;
          Usage u = m.usage().total();
          System.out.printf(Locale.ROOT, "%6d %9d %10.1f %8.1f %6d %8d %7.1f%n", shards, endpoints,
              m.accepted() / wall, u.calls() / wall, u.calls(), u.retries(), wall);
        }
      }
    } finally {
      spark.stop();
      sims.forEach(SimulatorJvm::close);
    }
  }

  private static Manifest run(SparkSession spark, Path config, Path out, List<SimulatorJvm> sims, int shards,
      int capacity, int target) {
    List<String> urls = sims.stream().map(SimulatorJvm::baseUrl).toList();
    RunResult r = SparkRun.generate(spark, config, List.of("output_dir=" + out, "report.enabled=false",
        "target=" + target, "scale.shards=" + shards, "self-instruct.batch_size=16",
        "models.default.provider=openai", "models.default.base_urls=" + Json.write(urls),
        "models.default.api_key=sk-bench", "models.default.model=synthkit-simulator",
        "models.default.max_concurrency=" + capacity), false, RunListener.NONE);
    if (r.status() != RunStatus.COMPLETED) {
      throw new IllegalStateException(out + ": " + r.status() + " " + r.message());
    }
    return Manifest.read(r.runDir());
  }
}
