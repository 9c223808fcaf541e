package io.synthkit.spi;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs one run config split into shards on a cluster engine, then merges the shards into one ordinary run directory:
 * what {@code synthkit generate CONFIG --spark MASTER} calls. The engine lives in an optional module (synthkit-spark),
 * found through {@link java.util.ServiceLoader}, so that the core and the CLI never carry a cluster engine's jars.
 */
public interface ScaleOut {

  /**
   * Names the engine, as the CLI option does.
   *
   * @return for example {@code spark}
   */
  String name();

  /**
   * Runs (or resumes) a config as shards and merges them into the config's run directory.
   *
   * @param config the YAML run config; shards read it (and the files it names) by path, so on a cluster it must be on
   *     a file system every executor sees
   * @param overrides {@code dotted.key=value} overrides, as {@code --set} gives them
   * @param master the cluster to run on, e.g. {@code local[4]}, {@code spark://host:7077}, {@code yarn}
   * @param fresh start over: the existing run directory (and its shards) is kept as {@code <name>.prev-N}
   * @param listener hears notices and one progress snapshot for the whole run (every shard summed)
   * @return how the merged run ended
   * @throws SynthkitException (exit 2) when the config is invalid or its method cannot be sharded
   */
  RunResult generate(Path config, List<String> overrides, String master, boolean fresh, RunListener listener);

  /**
   * Exports a run as cluster jobs: what {@code synthkit export RUN_DIR --spark MASTER} calls. The rows are the ones
   * the single-machine export writes.
   *
   * @param source a run directory (or JSONL file), on storage every executor sees
   * @param format a format name, e.g. {@code parquet}, {@code openai-chat}
   * @param out the file ({@code parquet}: directory) to write
   * @param partitionBy columns to partition a Parquet export by ({@code shard}, or fields of the rows); empty for none
   * @param mapping {@code role=path,...}, or null
   * @param mappingFile a mapping file, or null
   * @param card whether to write the dataset card
   * @param master the cluster to run on
   * @return lines saying what was written, for the CLI to print
   * @throws SynthkitException (exit 2) as the single-machine export would, or for an option the engine cannot do
   */
  List<String> export(Path source, String format, Path out, List<String> partitionBy,
      @Nullable String mapping, @Nullable Path mappingFile,
      boolean card, String master);
}
