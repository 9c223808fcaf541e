package io.synthkit.spark;

import io.synthkit.ClusterEvaluator;
import io.synthkit.Evaluation;
import io.synthkit.Export;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.ScaleOut;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's {@code generate CONFIG --spark MASTER}, {@code export RUN_DIR --spark MASTER} and
 * {@code evaluate RUN_DIR --spark MASTER}: found through {@link java.util.ServiceLoader} when this module's jars are on
 * the class path ({@code bin/synthkit} adds them when {@code --spark} is given).
 */
public final class SparkScaleOut implements ScaleOut, ClusterEvaluator {

  /** For {@link java.util.ServiceLoader}. */
  public SparkScaleOut() {}

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public RunResult generate(Path config, List<String> overrides, String master, boolean fresh, RunListener listener) {
    SparkSession spark = start(master, "synthkit " + config.getFileName());
    try {
      return SparkRun.generate(spark, config, overrides, fresh, listener);
    } finally {
      spark.stop();
    }
  }

  @Override
  public List<String> export(Path source, String format, Path out, List<String> partitionBy, @Nullable String mapping,
      @Nullable Path mappingFile, boolean card, String master) {
    Export request = Export.of(source, Export.Format.of(format), out).withCard(card);
    request = mapping == null ? request : request.withMapping(mapping);
    request = mappingFile == null ? request : request.withMappingFile(mappingFile);
    SparkSession spark = start(master, "synthkit export " + source.getFileName());
    Export.Result r;
    try {
      r = SparkExport.export(spark, request, partitionBy);
    } finally {
      spark.stop();
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "exported %d rows as %s%s to %s (Spark, %s)", r.rows(), r.format().wire(),
        partitionBy.isEmpty() ? "" : " partitioned by " + String.join(",", partitionBy), r.out(), master));
    lines.add("mapping: " + r.mapping());
    r.notes().forEach(n -> lines.add("note: " + n));
    if (r.card() != null) {
      lines.add("dataset card: " + r.card());
    }
    return lines;
  }

  @Override
  public Evaluation.Result evaluate(Evaluation evaluation, String master) {
    for (Path d : evaluation.datasets()) { // checked before a cluster is asked for anything
      if (!Files.exists(d)) {
        throw SynthkitException.input("no such run directory or file: " + d);
      }
    }
    SparkSession spark = start(master, "synthkit evaluate " + evaluation.datasets().get(0).getFileName());
    try {
      return SparkEvaluate.evaluate(spark, evaluation);
    } finally {
      spark.stop();
    }
  }

  /** A session on the master, or a user error naming the master when Spark cannot start on it. */
  static SparkSession start(String master, String appName) {
    try {
      return SparkRun.session(master, appName);
    } catch (Exception e) { // SparkException is checked but undeclared (Scala)
      throw SynthkitException.input("cannot start Spark on master \"" + master + "\": " + e.getMessage()
          + " (give local[N], spark://host:port, yarn or k8s://...)", e);
    }
  }
}
