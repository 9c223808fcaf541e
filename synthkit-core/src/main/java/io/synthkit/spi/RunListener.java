package io.synthkit.spi;

/**
 * Hears what a run has to say while it works: notices (an interrupted line repaired, a structured-output mode
 * downgraded, a slow component starting) and periodic progress. The CLI draws a progress bar from it; the Java API's
 * default logs notices through SLF4J. synthkit itself never writes to stdout or stderr.
 *
 * <p>Called from the run's own threads; implementations must be thread-safe and quick.
 */
public interface RunListener {

  /** A listener that ignores everything. */
  RunListener NONE = new RunListener() {};

  /**
   * Something the user should know that does not stop the run.
   *
   * @param message one line, without a prefix
   */
  default void notice(String message) {}

  /**
   * The run's state, about twice a second while it runs and once at its end.
   *
   * @param progress a snapshot
   */
  default void progress(RunProgress progress) {}
}
