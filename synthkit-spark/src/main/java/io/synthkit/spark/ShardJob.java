package io.synthkit.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What an executor needs to run one shard: the config file (by path, so it must be on storage every executor sees),
 * the overrides that make the config this shard's run, and where that run lives. Shipped to executors, so it holds
 * only strings.
 *
 * @param config the absolute path of the YAML run config
 * @param overrides the user's overrides followed by the shard's own ({@code name}, {@code output_dir}, {@code seed},
 *     {@code target}, its part of the seeds ...)
 * @param index the shard number, from 0
 * @param runDir the shard's run directory, {@code <run dir>/shards/shard-N}
 */
record ShardJob(String config, List<String> overrides, int index, String runDir) implements Serializable {

  /** Copies the list into one Java serialization keeps as it is. */
  ShardJob {
    overrides = List.copyOf(overrides);
  }
}
