package io.synthkit.spark;

import io.synthkit.Export;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.ScaleOut;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's {@code generate CONFIG --spark MASTER} and {@code export RUN_DIR --spark MASTER}: found through {@link java.util.ServiceLoader} when this module's
 * jars are on the class path ({@code bin/synthkit} adds them when {@code --spark} is given).
 */
public final class SparkScaleOut implements ScaleOut {

  /** For {@link java.util.ServiceLoader}. */
  public SparkScaleOut() {}

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public RunResult generate(Path config, List<String> overrides, String master, boolean fresh, RunListener listener) {
    SparkSession spark = SparkRun.session(master, "synthkit " + config.getFileName());
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
    SparkSession spark = SparkRun.session(master, "synthkit export " + source.getFileName());
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
}
