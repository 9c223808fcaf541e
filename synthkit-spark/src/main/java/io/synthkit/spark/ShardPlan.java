package io.synthkit.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run is cut into shards: for each shard its share of the target, its seed and the overrides that give it its
 * part of the work. The target is split exactly (the shares sum to the run's target); the merge tops shards up when
 * global deduplication leaves the run short.
 *
 * @param shards the shards, by number
 * @param unit what one shard is for this method, in words (for the manifest and the notices)
 * @param notices what planning decided on the user's behalf (fewer shards than asked, a split budget)
 */
record ShardPlan(List<Planned> shards, String unit, List<String> notices) {

  /** Copies the lists. */
  ShardPlan {
    shards = List.copyOf(shards);
    notices = List.copyOf(notices);
  }

  /** Returns the number of shards. */
  int count() {
    return shards.size();
  }

  /** Returns the shares of the target, by shard. */
  int[] targets() {
    return shards.stream().mapToInt(Planned::target).toArray();
  }

  /**
   * The job that runs one shard at a target.
   *
   * @param index the shard
   * @param target its target for this round (its share, or more after a top-up)
   * @param config the config file
   * @param userOverrides the user's overrides, applied first
   * @param shardsDir {@code <run dir>/shards}
   * @return the job
   */
  ShardJob job(int index, int target, Path config, List<String> userOverrides, Path shardsDir) {
    Planned p = shards.get(index);
    List<String> all = new ArrayList<>(userOverrides);
    all.add("name=" + name(index));
    all.add("output_dir=" + shardsDir.toAbsolutePath());
    all.add("seed=" + p.seed());
    all.add("target=" + target);
    all.addAll(p.overrides());
    return new ShardJob(config.toAbsolutePath().toString(), all, index, shardsDir.resolve(name(index)).toString());
  }

  /**
   * The directory name of a shard.
   *
   * @param index the shard number
   * @return {@code shard-N}
   */
  static String name(int index) {
    return "shard-" + index;
  }

  /**
   * One shard.
   *
   * @param index its number, from 0
   * @param target its share of the run's target
   * @param seed its seed ({@link ShardSeed})
   * @param overrides what else differs from the run's config: its part of the seeds, attribute values or budget
   */
  record Planned(int index, int target, long seed, List<String> overrides) {

    /** Copies the list. */
    Planned {
      overrides = List.copyOf(overrides);
    }
  }
}
