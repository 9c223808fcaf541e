package io.synthkit.spark;

import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import io.synthkit.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: the global embedding group check and the evaluation, on one machine and as Spark jobs, over
 * the same synthetic short texts (a fifth of them near copies; {@code hashing} embeddings, L2 below 0.3). The group
 * check is an exact all-pairs scan, so its time grows with the square of the records. Each step runs once on a tenth
 * of the records first (class loading, JIT), then once measured; wall time, so the figures move with the load. The
 * two group checks must drop the same records; the bench says whether they did.
 *
 * <p>Arguments, all optional: {@code records} (20000), {@code master} ({@code local[2]}), {@code work-dir} (a
 * temporary directory). Prints one line per step.
 */
public final class GroupCheckEvaluateBench {

  private GroupCheckEvaluateBench() {}

  /**
   * Entry point.
   *
   * @param args records master work-dir
   * @throws IOException when the dataset cannot be written
   */
  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    String master = args.length > 1 ? args[1] : "local[2]";
    Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("gc-bench");
    SparkSession spark = SparkRun.session(master, "GroupCheckEvaluateBench");
    try {
      System.out.printf(Locale.ROOT, "%d records, %s, %d cores, max heap %d MB%n", records, master,
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      pass(spark, dir.resolve("warmup"), Math.max(100, records / 10), false);
      pass(spark, dir.resolve("measured"), records, true);
    } finally {
      spark.stop();
    }
  }

  private static void pass(SparkSession spark, Path dir, int n, boolean print) throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> texts = GlobalDedupTest.texts(17, n);
    GlobalGroupCheck.Params p = GlobalGroupCheck.Params.DEFAULT;
    int[] alone = time("group check, one machine", n, print, () -> GlobalGroupCheckTest.singleMachine(texts, p));
    GlobalGroupCheck.Result onSpark = time("group check, Spark", n, print,
        () -> GlobalGroupCheck.run(jsc, "bench", texts, p, GlobalGroupCheckTest.HASHING));
    if (print) {
      System.out.printf(Locale.ROOT, "  dropped %d of %d; the same records as one machine: %b%n", onSpark.dropped(),
          n, Arrays.equals(alone, onSpark.duplicateOf()));
    }
    Path dataset = write(Files.createDirectories(dir).resolve("dataset.jsonl"), texts);
    Evaluation request = Evaluation.of(dataset).withEmbedder("hashing");
    Evaluation.Result a = time("evaluate, one machine", n, print, () -> Synthkit.evaluate(request));
    Evaluation.Result b = time("evaluate, Spark", n, print, () -> SparkEvaluate.evaluate(spark, request));
    if (print) {
      System.out.printf(Locale.ROOT, "  the same figures: %b%n", Json.write(a.json()).equals(Json.write(b.json())));
    }
  }

  private static Path write(Path file, List<String> texts) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < texts.size(); i++) {
        var data = Json.object().put("instruction", texts.get(i)).put("input", "").put("output", texts.get(i));
        w.write(Json.write(Json.object().put("id", "r" + i).set("data", data)));
        w.newLine();
      }
    }
    return file;
  }

  private static <T> T time(String step, int n, boolean print, Supplier<T> work) {
    long start = System.nanoTime();
    T out = work.get();
    double secs = (System.nanoTime() - start) / 1e9;
    if (print) {
      System.out.printf(Locale.ROOT, "%-26s %8.1f s  %,10.0f records/s%n", step, secs, n / secs);
    }
    return out;
  }
}
