package io.synthkit.spark;

import io.synthkit.Synthkit;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * The main class {@code spark-submit} runs:
 * {@code spark-submit --master spark://host:7077 --class io.synthkit.spark.SparkMain synthkit-spark.jar CONFIG
 * [--set key=value]... [--fresh]}. The master comes from {@code spark-submit}. Prints the result like
 * {@code synthkit generate} and exits with its exit code.
 */
public final class SparkMain {

  private SparkMain() {}

  /**
   * Runs a config as shards.
   *
   * @param args {@code CONFIG [--set key=value]... [--fresh]}
   */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (SynthkitException e) {
      System.err.println("synthkit: " + Synthkit.redact(e.getMessage()));
      code = e.exitCode();
    }
    System.exit(code);
  }

  static int run(String[] args) {
    Path config = null;
    List<String> overrides = new ArrayList<>();
    boolean fresh = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--set") && i + 1 < args.length) {
        overrides.add(args[++i]);
      } else if (args[i].startsWith("--set=")) {
        overrides.add(args[i].substring("--set=".length()));
      } else if (args[i].equals("--fresh")) {
        fresh = true;
      } else if (config == null && !args[i].startsWith("-")) {
        config = Path.of(args[i]);
      } else {
        throw SynthkitException.input("usage: SparkMain CONFIG [--set key=value]... [--fresh]; unexpected: " + args[i]);
      }
    }
    if (config == null) {
      throw SynthkitException.input("usage: SparkMain CONFIG [--set key=value]... [--fresh]");
    }
    SparkSession spark = SparkSession.builder().appName("synthkit " + config.getFileName())
        .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    RunResult r;
    try {
      r = SparkRun.generate(spark, config, overrides, fresh, new RunListener() {
        @Override
        public void notice(String message) {
          System.err.println("synthkit: " + Synthkit.redact(message));
        }
      });
    } finally {
      spark.stop();
    }
    System.out.printf(Locale.ROOT, "status: %s%n", r.status().wire());
    if (r.message() != null) {
      System.out.println("note: " + Synthkit.redact(r.message()));
    }
    System.out.printf(Locale.ROOT, "records: %d accepted, %d rejected%n", r.accepted(), r.rejected());
    System.out.printf(Locale.ROOT, "model calls: %d (%d replayed from the shards' caches), cost: $%.4f%n",
        r.usage().calls(), r.usage().cacheHits(), r.usage().costUsd());
    System.out.println("run directory: " + r.runDir());
    return r.exitCode();
  }
}
