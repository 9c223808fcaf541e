package io.synthkit.spark;

import io.synthkit.RunOptions;
import io.synthkit.RunSpec;
import io.synthkit.Synthkit;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one shard on an executor: an ordinary synthkit run, through the facade, of the config with the shard's
 * overrides. Running it again (a retried or speculative task, a resumed driver) resumes the shard from its own run
 * directory: records already accepted stay, and every model call already answered is replayed from the shard's cache.
 *
 * <p>When the run directory is on a shared Hadoop file system ({@link ShardJob#shared()}), the shard runs in a local
 * scratch directory of its own ({@code spark.local.dir}, unique per attempt), resumed from the shard's last snapshot
 * there and snapshotted back while it runs (every {@link ShardJob#syncSeconds()}) and at its end:
 * see {@link ShardSync}.
 */
final class ShardTask {

  private ShardTask() {}

  /**
   * Runs (or resumes) a shard to its target.
   *
   * @param job the shard
   * @return how it ended; a user-facing failure (budget, endpoint, config) is an outcome, not an exception, so that
   *     Spark does not retry what a retry cannot fix
   */
  static ShardOutcome run(ShardJob job) {
    return run(job, true);
  }

  /**
   * Runs a shard; a test passes {@code finalSync = false} to leave the shared copy as a killed executor would.
   *
   * @param job the shard
   * @param finalSync whether a shard on a shared file system writes its snapshot at the end
   * @return how it ended
   */
  static ShardOutcome run(ShardJob job, boolean finalSync) {
    SerialFilter.leaveToSpark();
    SharedFs shared = job.shared();
    if (shared != null) {
      return runShared(job, shared, finalSync);
    }
    Path dir = Path.of(job.runDir());
    try (AttemptLock ignored = AttemptLock.acquire(dir.resolveSibling(dir.getFileName() + ".attempt.lock"))) {
      RunSpec spec = Synthkit.load(Path.of(job.config()), job.overrides().toArray(String[]::new));
      RunResult r = Synthkit.run(spec, RunOptions.DEFAULT.withListener(RunListener.NONE));
      return new ShardOutcome(job.index(), r.status().wire(), r.exitCode(), r.accepted(), r.message());
    } catch (SynthkitException e) {
      return new ShardOutcome(job.index(), "failed", e.exitCode(), 0, Synthkit.redact(e.getMessage()));
    }
  }

  private static ShardOutcome runShared(ShardJob job, SharedFs shared, boolean finalSync) {
    String shard = ShardPlan.name(job.index());
    Path scratch = scratch(shard);
    try (ShardSync sync = ShardSync.open(shared, shard, scratch.resolve(shard), job.syncSeconds())) {
      List<String> overrides = new ArrayList<>(job.overrides());
      overrides.add("output_dir=" + scratch);
      ShardOutcome outcome;
      try {
        RunSpec spec = Synthkit.load(Path.of(job.config()), overrides.toArray(String[]::new));
        sync.start();
        RunResult r = Synthkit.run(spec, RunOptions.DEFAULT.withListener(RunListener.NONE));
        outcome = new ShardOutcome(job.index(), r.status().wire(), r.exitCode(), r.accepted(), r.message());
      } catch (SynthkitException e) {
        outcome = new ShardOutcome(job.index(), "failed", e.exitCode(), 0, Synthkit.redact(e.getMessage()));
      }
      if (finalSync) {
        sync.finish(); // a failed sync fails the task: Spark retries it from the last snapshot that was kept
      } else {
        sync.stop();
      }
      return outcome;
    } finally {
      delete(scratch);
    }
  }

  /** A fresh local directory for one attempt: under Spark's local directories on an executor, else the temp dir. */
  private static Path scratch(String shard) {
    Path base = Path.of(System.getProperty("java.io.tmpdir"));
    if (org.apache.spark.SparkEnv.get() != null) {
      base = Path.of(org.apache.spark.SparkFiles.getRootDirectory());
    }
    try {
      return Files.createTempDirectory(base, "synthkit-" + shard + "-");
    } catch (IOException e) {
      throw new SynthkitException("cannot create a scratch directory in " + base + ": " + e.getMessage(),
          SynthkitException.EXIT_STORAGE, e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a scratch directory left behind is removed with Spark's local directories
    }
  }
}
