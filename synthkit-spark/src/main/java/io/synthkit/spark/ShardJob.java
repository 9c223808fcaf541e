package io.synthkit.spark;

import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an executor needs to run one shard: the config file (by path, so it must be on storage every executor sees),
 * the overrides that make the config this shard's run, and where that run lives. Shipped to executors, so it holds
 * only strings.
 *
 * @param config the absolute path of the YAML run config
 * @param overrides the user's overrides followed by the shard's own ({@code name}, {@code output_dir}, {@code seed},
 *     {@code target}, its part of the seeds ...)
 * @param index the shard number, from 0
 * @param runDir the shard's run directory, {@code <run dir>/shards/shard-N} (on the driver's scratch directory when
 *     the run directory is on a shared file system)
 * @param shared the run directory on a shared Hadoop file system, or {@code null} when it is a local path every node
 *     mounts (then the shard runs in place)
 * @param syncSeconds with {@code shared}: the least time between snapshots of the running shard ({@link ShardSync})
 */
record ShardJob(String config, List<String> overrides, int index, String runDir, @Nullable SharedFs shared,
    long syncSeconds) implements Serializable {

  /** Copies the list into one Java serialization keeps as it is. */
  ShardJob {
    overrides = List.copyOf(overrides);
  }

  /**
   * A shard that runs in place in a local (or mounted) run directory.
   *
   * @param config the config file
   * @param overrides the overrides
   * @param index the shard number
   * @param runDir the shard's run directory
   */
  ShardJob(String config, List<String> overrides, int index, String runDir) {
    this(config, overrides, index, runDir, null, 0);
  }

  /**
   * The same shard, with its state kept on a shared file system.
   *
   * @param fs the run directory there
   * @param seconds the least time between snapshots
   * @return the job
   */
  ShardJob on(SharedFs fs, long seconds) {
    return new ShardJob(config, overrides, index, runDir, fs, seconds);
  }
}
