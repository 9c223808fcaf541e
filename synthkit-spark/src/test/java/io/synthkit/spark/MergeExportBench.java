package io.synthkit.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.Export;
import io.synthkit.Synthkit;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.spi.RunStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: records per second of the driver's merge ({@link Merge#run} over S shards of synthetic
 * Self-Instruct records already on disk, global deduplication included) and of the export of the merged run, on one
 * machine ({@link Synthkit#export}: JSONL, OpenAI chat, and Parquet through DuckDB) and on Spark
 * ({@link SparkExport}: JSONL, OpenAI chat, Parquet, Parquet partitioned by shard). Every step runs once on a tenth
 * of the records first (class loading, JIT), then once measured; wall time, so the figures move with the load.
 *
 * <p>Arguments, all optional: {@code records} (200000), {@code shards} (8), {@code master} ({@code local[2]}),
 * {@code work-dir} (a temporary directory). Prints one line per step.
 */
public final class MergeExportBench {

  private static final int VOCABULARY = 20_000;

  private MergeExportBench() {}

  /**
   * Entry point.
   *
   * @param args records shards master work-dir
   * @throws IOException when the shards cannot be written
   */
  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int shards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    String master = args.length > 2 ? args[2] : "local[2]";
    Path dir = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("merge-bench");
    SparkSession spark = SparkRun.session(master, "MergeExportBench");
    try {
      System.out.printf(Locale.ROOT, "%d records in %d shards, %s, %d cores, max heap %d MB%n", records, shards,
          master, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      pass(spark, dir.resolve("warmup"), Math.max(shards, records / 10), shards, false);
      pass(spark, dir.resolve("measured"), records, shards, true);
    } finally {
      spark.stop();
    }
  }

  private static void pass(SparkSession spark, Path dir, int records, int shards, boolean print) throws IOException {
    RunConfig cfg = config(dir, records);
    ShardPlan plan = writeShards(cfg, records, shards);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Merge.Context ctx = new Merge.Context(cfg, plan, spark.sparkContext().master(), 1,
        java.util.Arrays.stream(plan.targets()).boxed().toList(), List.of(), Instant.now(), 0);
    Path run = cfg.runDir();
    Path out = dir.resolve("out");
    step(print, "merge (Merge.run, global dedup)", records, () -> Merge.run(jsc, ctx, RunStatus.COMPLETED, null)
        .accepted());
    step(print, "export jsonl, one machine", records, () -> Synthkit.export(Export.of(run, Export.Format.JSONL,
        out.resolve("one.jsonl")).withCard(false)).rows());
    step(print, "export openai-chat, one machine", records, () -> Synthkit.export(Export.of(run,
        Export.Format.OPENAI_CHAT, out.resolve("one-chat.jsonl")).withCard(false)).rows());
    step(print, "export parquet, one machine (DuckDB)", records, () -> Synthkit.export(Export.of(run,
        Export.Format.PARQUET, out.resolve("one.parquet")).withCard(false)).rows());
    step(print, "export jsonl, Spark", records, () -> SparkExport.export(spark, run, out.resolve("spark.jsonl"),
        "jsonl", List.of()).rows());
    step(print, "export openai-chat, Spark", records, () -> SparkExport.export(spark, run,
        out.resolve("spark-chat.jsonl"), "openai-chat", List.of()).rows());
    step(print, "export parquet, Spark", records, () -> SparkExport.export(spark, run, out.resolve("spark.parquet"),
        "parquet", List.of()).rows());
    step(print, "export parquet by shard, Spark", records, () -> SparkExport.export(spark, run,
        out.resolve("spark-by-shard.parquet"), "parquet", List.of("shard")).rows());
  }

  private static void step(boolean print, String what, int records, Supplier<Integer> body) {
    long start = System.nanoTime();
    int n = body.get();
    double wall = (System.nanoTime() - start) / 1e9;
    if (print) {
      System.out.printf(Locale.ROOT, "%-40s %8d rows %8.1f s %10.0f records/s%n", what, n, wall, records / wall);
    }
  }

  private static RunConfig config(Path dir, int records) {
    Path yaml = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();
    return ConfigLoader.load(yaml, List.of("output_dir=" + dir, "name=bench", "target=" + records,
        "models.default.provider=simulated"), Map.of(), Methods.names());
  }

  /** Shard datasets of distinct random-word records (no duplicates for the global dedup to find). */
  private static ShardPlan writeShards(RunConfig cfg, int records, int shards) throws IOException {
    List<ShardPlan.Planned> planned = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    String[] categories = {"math", "code", "writing", "reasoning", "trivia"};
    for (int s = 0; s < shards; s++) {
      int share = records / shards + (s < records % shards ? 1 : 0);
      planned.add(new ShardPlan.Planned(s, share, s, List.of()));
      Path file = cfg.runDir().resolve("shards").resolve(ShardPlan.name(s)).resolve("dataset.jsonl");
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = 0; i < share; i++) {
          ObjectNode line = Json.object().put("id", "r" + i);
          line.putObject("data").put("instruction", words(random, 20)).put("input", "")
              .put("output", words(random, 40)).put("category", categories[random.nextInt(categories.length)]);
          line.putObject("meta");
          w.write(Json.write(line));
          w.write('\n');
        }
      }
    }
    return new ShardPlan(planned, "bench records", List.of());
  }

  private static String words(SplittableRandom random, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append('w').append(Integer.toString(random.nextInt(VOCABULARY), 36));
    }
    return sb.toString();
  }
}
