package io.synthkit.spark;

import io.synthkit.run.Manifest;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * The driver's one progress line for the whole run: every second it sums the shards' manifests (which each shard
 * rewrites as it goes, on the shared run directory) and asks Spark's status tracker how many shard tasks are done and
 * running, and hands the listener one {@link RunListener.RunProgress}.
 */
final class DriverProgress implements AutoCloseable {

  private final JavaSparkContext jsc;
  private final RunListener listener;
  private final Path shardsDir;
  private final int shards;
  private final int target;
  private final String group;
  private final long startNanos = System.nanoTime();
  private final int acceptedAtStart;
  private final ScheduledExecutorService timer;
  private final java.util.concurrent.ScheduledFuture<?> ticks;
  private final Runnable refresh;
  private volatile int round = 1;

  /** {@code refresh} brings the shards' manifests up to date before each line (a copy from a shared file system). */
  DriverProgress(JavaSparkContext jsc, RunListener listener, Path shardsDir, int shards, int target, String group,
      Runnable refresh) {
    this.jsc = jsc;
    this.refresh = refresh;
    this.listener = listener;
    this.shardsDir = shardsDir;
    this.shards = shards;
    this.target = target;
    this.group = group;
    this.acceptedAtStart = totals().accepted();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synthkit-spark-progress");
      t.setDaemon(true);
      return t;
    });
    this.ticks = timer.scheduleWithFixedDelay(() -> emit(false), 1, 1, TimeUnit.SECONDS);
  }

  void round(int r) {
    round = r;
  }

  private void emit(boolean finished) {
    try {
      refresh.run();
      Totals t = totals();
      int[] tasks = tasks();
      String step = "shards · round " + round + ": " + tasks[0] + "/" + shards + " done, " + tasks[1] + " running";
      listener.progress(new RunListener.RunProgress(Math.min(t.accepted(), target), target, t.rejected(),
          Math.max(0, t.accepted() - acceptedAtStart), t.usage(), step, tasks[0], shards, 0, 0, null, null, null,
          Duration.ofNanos(System.nanoTime() - startNanos), finished));
    } catch (RuntimeException e) {
      // a manifest being replaced, or the context stopping: the next tick shows the state
    }
  }

  /** Shard tasks of this run's current job: {done, running}. */
  private int[] tasks() {
    int done = 0;
    int running = 0;
    for (int jobId : jsc.statusTracker().getJobIdsForGroup(group)) {
      SparkJobInfo job = jsc.statusTracker().getJobInfo(jobId);
      if (job == null) {
        continue;
      }
      for (int stageId : job.stageIds()) {
        SparkStageInfo stage = jsc.statusTracker().getStageInfo(stageId);
        if (stage != null) {
          done += stage.numCompletedTasks();
          running += stage.numActiveTasks();
        }
      }
    }
    return new int[] {Math.min(done, shards), running};
  }

  private Totals totals() {
    int accepted = 0;
    int rejected = 0;
    Usage usage = Usage.ZERO;
    for (int s = 0; s < shards; s++) {
      Path dir = shardsDir.resolve(ShardPlan.name(s));
      Manifest m = read(dir);
      if (m != null) {
        accepted += m.accepted();
        rejected += m.rejected();
        usage = m.usage() == null ? usage : usage.plus(m.usage().total());
      }
    }
    return new Totals(accepted, rejected, usage);
  }

  private static @Nullable Manifest read(Path dir) {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      return null;
    }
    try {
      return Manifest.read(dir);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private record Totals(int accepted, int rejected, Usage usage) {}

  /** Stops the ticks and sends the last snapshot. */
  @Override
  public void close() {
    ticks.cancel(false);
    timer.shutdownNow();
    emit(true);
  }
}
