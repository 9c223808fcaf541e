package io.synthkit.spark;

import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.ScaleOut;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The CLI's {@code generate CONFIG --spark MASTER}: found through {@link java.util.ServiceLoader} when this module's
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
}
