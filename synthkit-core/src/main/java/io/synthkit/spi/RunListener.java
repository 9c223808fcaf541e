package io.synthkit.spi;

import org.jspecify.annotations.Nullable;
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
   * A snapshot of a run in progress, for {@link RunListener#progress}: data only; the listener decides how to show it.
   *
   * @param accepted records in the dataset (this and earlier sessions)
   * @param target records the run must produce
   * @param rejected items dropped so far
   * @param acceptedThisSession records accepted since this session started (for rates)
   * @param usage calls, tokens and cost so far (all sessions)
   * @param step what the method is doing: the step's name, then what is particular to this time, e.g.
   *     {@code expanding · hop 1/2, nodes 1-8 of 40}
   * @param stepDone model calls of the current step finished (answered, replayed from the cache, or failed), or its
   *     pieces of concurrent work finished when the method planned no calls (see {@link RunContext#parallel}); with
   *     neither, the calls finished in the step
   * @param stepTotal the calls the method planned for the current step (raised to the calls finished and in flight
   *     when the step needs more than planned), or its pieces; 0 when it has neither
   * @param callsInFlight requests on their way to a server right now
   * @param callsPlanned the engine's estimate of the calls the whole run makes (all sessions), from the calls per
   *     record so far and the current step's plan; 0 while unknown
   * @param eta the engine's estimate of the time left, from the calls still planned at this session's rate of calls;
   *     {@code null} while unknown
   * @param activity slow one-off work under way, e.g. {@code starting the Python sandbox}, or {@code null}
   * @param waiting why nothing is sent right now, e.g. {@code waiting until 14:03:12 (HTTP 429: rate limited)}, or
   *     {@code null}
   * @param elapsed wall time of this session
   * @param finished true for the last snapshot of the session
   */
  public record RunProgress(int accepted, int target, int rejected, int acceptedThisSession, Usage usage, String step,
      int stepDone, int stepTotal, int callsInFlight, long callsPlanned, @Nullable Duration eta,
      @Nullable String activity, @Nullable String waiting, Duration elapsed, boolean finished) {

    /**
     * Returns the calls finished so far (all sessions): answered, replayed from the cache, or failed for good.
     *
     * @return the count
     */
    public long callsDone() {
      return usage.calls() + usage.cacheHits() + usage.failures();
    }
  }
}
