package io.synthkit.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's side of a run directory on a shared Hadoop file system: the merge works on a local copy (in the driver's
 * scratch directory) of what it reads, the shards' newest snapshots without their SQLite state, and its output is
 * written back file by file, each atomically.
 */
final class SharedRunDir {

  /** What the merge reads from a shard, and what it writes for the run. */
  private static final List<String> RUN_FILES = List.of("dataset.jsonl", "rejected.jsonl", "events.jsonl",
      "manifest.json");

  private final SharedFs shared;
  private final FileSystem fs;
  private final java.nio.file.Path local;

  /**
   * A run directory and its local copy.
   *
   * @param shared the run directory on the shared file system
   * @param local the driver's local copy, {@code <scratch>/<name>}
   */
  SharedRunDir(SharedFs shared, java.nio.file.Path local) {
    this.shared = shared;
    this.fs = shared.fs();
    this.local = local;
  }

  /** Returns the run directory's URI. */
  String root() {
    return shared.root();
  }

  /** Copies the shards' newest snapshots' run files and the merged manifest (for the merge's timings) down. */
  void pull(int shards) {
    pullShards(shards, RUN_FILES);
    copyDown(shared.path("manifest.json"), local.resolve("manifest.json"));
  }

  /** Copies the shards' newest manifests down, for the driver's progress line. */
  void pullManifests(int shards) {
    pullShards(shards, List.of("manifest.json"));
  }

  private void pullShards(int shards, List<String> names) {
    for (int s = 0; s < shards; s++) {
      String shard = ShardPlan.name(s);
      Path snapshot = ShardSync.latest(fs, shared.path("shards/" + shard));
      if (snapshot == null) {
        continue;
      }
      for (String name : names) {
        copyDown(new Path(snapshot, name), local.resolve("shards").resolve(shard).resolve(name));
      }
    }
  }

  private void copyDown(Path from, java.nio.file.Path to) {
    if (SharedFs.status(fs, from) != null) {
      SharedFs.download(fs, from, to);
    }
  }

  /** Writes the merged run's files to the shared run directory, each atomically. */
  void push() {
    for (String name : RUN_FILES) {
      java.nio.file.Path file = local.resolve(name);
      if (Files.isRegularFile(file)) {
        SharedFs.upload(fs, file, shared.path(name), -1);
      }
    }
  }

  /**
   * Moves an existing run directory aside ({@code --fresh}).
   *
   * @return where it went, or {@code null} when there was none
   */
  @org.jspecify.annotations.Nullable
  String moveAside() {
    Path root = new Path(shared.root());
    try {
      if (!fs.exists(root)) {
        return null;
      }
      for (int n = 1; ; n++) {
        Path aside = new Path(root.getParent(), root.getName() + ".prev-" + n);
        if (!fs.exists(aside)) {
          if (!fs.rename(root, aside)) {
            throw new IOException("rename refused");
          }
          return aside.toString();
        }
      }
    } catch (IOException e) {
      throw SharedFs.failure("move aside", shared.root(), e);
    }
  }
}
