package io.synthkit.spark;

import io.synthkit.RunOptions;
import io.synthkit.RunSpec;
import io.synthkit.Synthkit;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;

/**
 * Runs one shard on an executor: an ordinary synthkit run, through the facade, of the config with the shard's
 * overrides. Running it again (a retried or speculative task, a resumed driver) resumes the shard from its own run
 * directory: records already accepted stay, and every model call already answered is replayed from the shard's cache.
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
    SerialFilter.leaveToSpark();
    Path dir = Path.of(job.runDir());
    try (AttemptLock ignored = AttemptLock.acquire(dir.resolveSibling(dir.getFileName() + ".attempt.lock"))) {
      RunSpec spec = Synthkit.load(Path.of(job.config()), job.overrides().toArray(String[]::new));
      RunResult r = Synthkit.run(spec, RunOptions.DEFAULT.withListener(RunListener.NONE));
      return new ShardOutcome(job.index(), r.status().wire(), r.exitCode(), r.accepted(), r.message());
    } catch (SynthkitException e) {
      return new ShardOutcome(job.index(), "failed", e.exitCode(), 0, Synthkit.redact(e.getMessage()));
    }
  }
}
