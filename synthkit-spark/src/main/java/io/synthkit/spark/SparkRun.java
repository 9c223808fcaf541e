package io.synthkit.spark;

import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.run.Manifest;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.RunStorageException;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * The Java API of scale-out: runs one run config as shards on Spark and merges them into the config's run directory.
 *
 * <pre>{@code
 * RunResult r = SparkRun.generate(Path.of("examples/quickstart.yaml"), "local[4]", "target=2000");
 * // or, inside an application that already has a session:
 * RunResult r = SparkRun.generate(spark, Path.of("run.yaml"), List.of("scale.shards=16"), false, RunListener.NONE);
 * }</pre>
 *
 * <p>Each shard is an ordinary synthkit run in {@code <run dir>/shards/shard-N/} (see {@link ShardPlanner} for what a
 * shard is per method, {@link ShardSeed} for its seed), run by one Spark task. Running the same call again resumes:
 * finished shards replay from their caches, unfinished ones continue, and the merge is repeated. When global
 * deduplication leaves the run short of its target, the completed shards' targets are raised (a top-up round) and
 * they are extended, up to {@value #MAX_ROUNDS} rounds.
 *
 * <p>{@code output_dir} is a local path every node mounts (the shards then run in place), or a Hadoop file system URI
 * ({@code hdfs://}, {@code s3a://}, {@code abfs://}, ...; a {@code file:} URI is a local path). On a URI each shard runs
 * in a local scratch directory on its executor and keeps snapshots of its state on the shared file system
 * ({@link ShardSync}: resumed from at the start of every attempt, written every {@value #SYNC_SECONDS_DEFAULT} seconds
 * or as {@link #SYNC_SECONDS} says, and at the end), and the merge reads those and writes the merged run there
 * ({@link SharedRunDir}); the driver keeps a local copy of the merged run.
 */
public final class SparkRun {

  /**
   * The Spark setting for the seconds between snapshots of a running shard on a shared file system (default 30; the
   * least is half a second).
   */
  public static final String SYNC_SECONDS = "spark.synthkit.sync.seconds";

  /** The default of {@link #SYNC_SECONDS}. */
  static final int SYNC_SECONDS_DEFAULT = 30;

  /** Rounds of shards (the first, then top-ups) before the run ends incomplete. */
  static final int MAX_ROUNDS = 5;

  static {
    SerialFilter.leaveToSpark(); // before any simulator starts in the driver's JVM
  }

  private SparkRun() {}

  /**
   * Runs (or resumes) a config on a new Spark session for {@code master}, stopping the session at the end.
   *
   * @param config the YAML run config
   * @param master e.g. {@code local[4]}, {@code spark://host:7077}, {@code yarn}
   * @param overrides {@code dotted.key=value} overrides, as {@code --set} gives them
   * @return how the merged run ended
   * @throws SynthkitException (exit 2) when the config is invalid or its method cannot be sharded
   */
  public static RunResult generate(Path config, String master, String... overrides) {
    SparkSession spark = session(master, "synthkit " + config.getFileName());
    try {
      return generate(spark, config, Arrays.asList(overrides), false, RunListener.NONE);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs (or resumes) a config on an existing Spark session.
   *
   * @param spark the session; its context runs the shards and the global stages
   * @param config the YAML run config, on storage every executor sees
   * @param overrides {@code dotted.key=value} overrides
   * @param fresh start over: the existing run directory is kept as {@code <name>.prev-N}
   * @param listener hears notices and the run's progress (all shards summed)
   * @return how the merged run ended
   * @throws SynthkitException (exit 2) when the config is invalid or its method cannot be sharded
   */
  public static RunResult generate(SparkSession spark, Path config, List<String> overrides, boolean fresh,
      RunListener listener) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    RunConfig cfg = ConfigLoader.load(config, overrides, System.getenv(), Methods.names());
    if (cfg.method().equals("reversegen")) {
      return FanOutRun.generate(jsc, cfg, config, overrides, fresh, listener);
    }
    String outputDir = cfg.tree().path("output_dir").asText("");
    SharedRunDir sharedDir = null;
    SharedFs sharedFs = null;
    if (SharedFs.isUri(outputDir)) {
      List<String> all = new ArrayList<>(overrides);
      if (outputDir.regionMatches(true, 0, "file:", 0, 5)) {
        all.add("output_dir=" + localPath(outputDir)); // the fast path: a local (or mounted) directory, used in place
      } else {
        sharedFs = SharedFs.of(outputDir, cfg.name(), jsc.hadoopConfiguration());
        all.add("output_dir=" + scratch());
      }
      overrides = all;
      cfg = ConfigLoader.load(config, overrides, System.getenv(), Methods.names());
      if (sharedFs != null) {
        sharedDir = new SharedRunDir(sharedFs, cfg.runDir());
      }
    }
    Path runDir = cfg.runDir();
    if (fresh && sharedDir != null) {
      String aside = sharedDir.moveAside();
      if (aside != null) {
        listener.notice("--fresh: kept the previous run as " + aside);
      }
    } else if (fresh && Files.exists(runDir)) {
      listener.notice("--fresh: kept the previous run as " + moveAside(runDir));
    }
    Path shardsDir = runDir.resolve("shards");
    int requested = ShardPlanner.requestedShards(cfg);
    ShardPlan plan = ShardPlanner.plan(cfg, requested > 0 ? requested : jsc.defaultParallelism(), shardsDir);
    cfg.notices().forEach(listener::notice);
    plan.notices().forEach(listener::notice);
    listener.notice("scale: " + plan.count() + " shards on " + spark.sparkContext().master() + "; a shard is "
        + plan.unit());
    if (sharedDir != null) {
      sharedDir.pull(plan.count());
    }
    int[] targets = resumedTargets(plan, shardsDir);
    String group = "synthkit-" + cfg.name() + "-" + Long.toHexString(System.nanoTime());
    List<ShardOutcome> outcomes = List.of();
    Merge.Result merged = null;
    int round = 0;
    SharedRunDir shared = sharedDir;
    int count = plan.count();
    long[] pulled = {System.nanoTime()};
    Runnable refresh = shared == null ? () -> { } : () -> {
      if (System.nanoTime() - pulled[0] >= 5_000_000_000L) { // a few listings per shard: not every second
        pulled[0] = System.nanoTime();
        shared.pullManifests(count);
      }
    };
    try (DriverProgress progress = new DriverProgress(jsc, listener, shardsDir, plan.count(), cfg.target(), group,
        refresh)) {
      while (round < MAX_ROUNDS) {
        round++;
        progress.round(round);
        outcomes = runShards(jsc, cfg, plan, targets, config, overrides, shardsDir, group, round,
            sharedFs == null ? null : new ShardStorage(sharedFs, syncSeconds(spark)));
        ShardOutcome worst = worst(outcomes);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Merge.Context ctx = new Merge.Context(cfg, plan, spark.sparkContext().master(), round,
            Arrays.stream(targets).boxed().toList(),
            plan.notices(), started, wall);
        merged = merge(jsc, ctx, RunStatus.RUNNING, null, shared);
        if (merged.accepted() >= cfg.target() || worst != null) {
          break;
        }
        int deficit = cfg.target() - merged.accepted();
        if (!topUp(targets, outcomes, deficit)) {
          break;
        }
        listener.notice("scale: " + deficit + " records short after global deduplication; extending the completed"
            + " shards (round " + (round + 1) + ")");
      }
    }
    ShardOutcome worst = worst(outcomes);
    RunStatus status;
    int exit;
    String message = null;
    if (merged != null && merged.accepted() >= cfg.target()) {
      status = RunStatus.COMPLETED;
      exit = 0;
    } else if (worst != null) {
      status = RunStatus.valueOf(worst.status().toUpperCase(java.util.Locale.ROOT));
      exit = worst.exitCode();
      message = "shard " + worst.index() + ": " + worst.message();
    } else {
      status = RunStatus.INCOMPLETE;
      exit = SynthkitException.EXIT_INCOMPLETE;
      message = "the shards could not produce " + cfg.target() + " distinct records in " + round + " rounds ("
          + (merged == null ? 0 : merged.accepted()) + " after global deduplication)";
    }
    double wall = (System.nanoTime() - startNanos) / 1e9;
    Merge.Context ctx = new Merge.Context(cfg, plan, spark.sparkContext().master(), round,
        Arrays.stream(targets).boxed().toList(), plan.notices(), started, wall);
    Merge.Result last = merge(jsc, ctx, status, message, sharedDir);
    if (sharedDir != null) {
      listener.notice("scale: the merged run is in " + sharedDir.root() + " (a local copy is in " + runDir + ")");
    }
    return new RunResult(status, exit, runDir, last.accepted(), last.rejected(), last.usage(), last.simulated(),
        message);
  }

  /** Merges the shards; on a shared file system, from and to a local copy of what the merge reads and writes. */
  private static Merge.Result merge(JavaSparkContext jsc, Merge.Context ctx, RunStatus status, @Nullable String message,
      @Nullable SharedRunDir shared) {
    if (shared == null) {
      return Merge.run(jsc, ctx, status, message);
    }
    shared.pull(ctx.plan().count());
    Merge.Result r = Merge.run(jsc, ctx, status, message);
    shared.push();
    return r;
  }

  /** Runs every shard at its target as one Spark job, one task per shard. */
  private static List<ShardOutcome> runShards(JavaSparkContext jsc, RunConfig cfg, ShardPlan plan, int[] targets,
      Path config, List<String> overrides, Path shardsDir, String group, int round, @Nullable ShardStorage shared) {
    List<ShardJob> jobs = new ArrayList<>();
    for (int i = 0; i < plan.count(); i++) {
      ShardJob job = plan.job(i, targets[i], config, overrides, shardsDir);
      jobs.add(shared == null ? job : job.on(shared.fs(), shared.syncSeconds()));
    }
    jsc.setJobGroup(group, "synthkit " + cfg.name() + ": " + plan.count() + " shards of " + cfg.method()
        + ", round " + round, true);
    try {
      return jsc.parallelize(jobs, jobs.size()).map(ShardTask::run).collect();
    } finally {
      jsc.clearJobGroup();
    }
  }

  /** The failed shard to report (the highest exit code), or {@code null} when every shard completed. */
  private static @Nullable ShardOutcome worst(List<ShardOutcome> outcomes) {
    return outcomes.stream().filter(o -> !o.status().equals(RunStatus.COMPLETED.wire()))
        .max(Comparator.comparingInt(ShardOutcome::exitCode)).orElse(null);
  }

  /** Raises the completed shards' targets by their share of the deficit; false when none can grow. */
  static boolean topUp(int[] targets, List<ShardOutcome> outcomes, int deficit) {
    List<Integer> growable = outcomes.stream().filter(o -> o.status().equals(RunStatus.COMPLETED.wire()))
        .map(ShardOutcome::index).sorted().toList();
    if (growable.isEmpty() || deficit <= 0) {
      return false;
    }
    int[] extra = ShardPlanner.split(deficit, growable.size());
    for (int i = 0; i < growable.size(); i++) {
      targets[growable.get(i)] += extra[i];
    }
    return true;
  }

  /**
   * Each shard's target: its share, or what an earlier session of this run already extended it to (the merge is
   * prefix-stable, so starting from the extended target gives the same dataset).
   */
  private static int[] resumedTargets(ShardPlan plan, Path shardsDir) {
    int[] targets = plan.targets();
    for (int i = 0; i < targets.length; i++) {
      Path dir = shardsDir.resolve(ShardPlan.name(i));
      if (Files.isRegularFile(dir.resolve("manifest.json"))) {
        try {
          targets[i] = Math.max(targets[i], Manifest.read(dir).target());
        } catch (SynthkitException e) {
          // a damaged shard manifest: the shard's own run repairs or reports it
        }
      }
    }
    return targets;
  }

  /** Where the shards keep their state when the run directory is on a shared file system. */
  private record ShardStorage(SharedFs fs, long syncSeconds) {}

  /** {@link #SYNC_SECONDS} from the session's runtime settings (so it can change between runs), else the default. */
  private static long syncSeconds(SparkSession spark) {
    String v = spark.conf().get(SYNC_SECONDS, String.valueOf(SYNC_SECONDS_DEFAULT));
    try {
      return Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw SynthkitException.input(SYNC_SECONDS + " must be a whole number of seconds: " + v);
    }
  }

  /** A {@code file:} URI as a local path. */
  private static Path localPath(String uri) {
    try {
      return Path.of(java.net.URI.create(uri));
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input("output_dir is not a valid file: URI (use file:///absolute/path): " + uri);
    }
  }

  /** The driver's local directory for its copy of a run on a shared file system. */
  private static Path scratch() {
    try {
      return Files.createTempDirectory("synthkit-driver-");
    } catch (IOException e) {
      throw new RunStorageException("cannot create a scratch directory: " + e.getMessage(),
          Path.of(System.getProperty("java.io.tmpdir")), e);
    }
  }

  private static Path moveAside(Path dir) {
    for (int n = 1; ; n++) {
      Path aside = dir.resolveSibling(dir.getFileName() + ".prev-" + n);
      if (!Files.exists(aside)) {
        try {
          return Files.move(dir, aside);
        } catch (IOException e) {
          throw new RunStorageException("cannot move " + dir + " aside: " + e.getMessage(), dir, e);
        }
      }
    }
  }

  /**
   * A Spark session for synthkit: the console progress bar off (the driver draws its own line).
   *
   * @param master the master URL
   * @param appName the application name
   * @return the session (an existing one is reused)
   */
  static SparkSession session(String master, String appName) {
    return SparkSession.builder().master(master).appName(appName).config("spark.ui.showConsoleProgress", "false")
        .getOrCreate();
  }
}
