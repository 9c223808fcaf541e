package io.synthkit.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The tests' local Spark sessions and the repository's example configs, set up one way for every test class. */
final class LocalSpark {

  /** The repository's {@code examples/} directory (tests run in the module's directory). */
  static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  private LocalSpark() {}

  /** A local session without the web UI or console progress bars, as every test here wants. */
  static SparkSession.Builder builder(String master, String appName) {
    SerialFilter.leaveToSpark(); // the tests' own simulators start Helidon in this JVM too
    return SparkSession.builder().master(master).appName(appName).config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false");
  }

  /** {@link #builder}'s session, started (or the running one). */
  static SparkSession start(String master, String appName) {
    return builder(master, appName).getOrCreate();
  }
}
