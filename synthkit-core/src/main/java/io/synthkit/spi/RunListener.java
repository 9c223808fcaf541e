package io.synthkit.spi;

import java.time.Duration;

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

  /**
   * A snapshot of a run in progress, for {@link RunListener#progress}.
   *
   * @param accepted records in the dataset (this and earlier sessions)
   * @param target records the run must produce
   * @param rejected items dropped so far
   * @param acceptedThisSession records accepted since this session started (for rates)
   * @param usage calls, tokens and cost so far (all sessions)
   * @param step what the method says it is doing, e.g. {@code hop 1/2: expanding nodes 1-8 of 40}
   * @param stepDone pieces of the current step's concurrent work finished (see {@link RunContext#parallel})
   * @param stepTotal pieces of the current step's concurrent work, or 0 when the step has none (yet)
   * @param elapsed wall time of this session
   * @param finished true for the last snapshot of the session
   */
  public record RunProgress(int accepted, int target, int rejected, int acceptedThisSession, Usage usage, String step,
      int stepDone, int stepTotal, Duration elapsed, boolean finished) {}
}
