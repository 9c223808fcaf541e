package io.synthkit.run;

import io.synthkit.sim.Responder;
import java.io.PrintStream;

/**
 * How to run, beyond the config.
 *
 * @param fresh move an existing run aside and start over
 * @param progress where the progress line goes, or {@code null} for none
 * @param tty redraw the progress line in place (a terminal) instead of printing periodic lines
 * @param responder scripts in-process simulators (tests), or {@code null}
 */
public record RunOptions(boolean fresh, PrintStream progress, boolean tty, Responder responder) {

  /** Resume if possible, no progress output. */
  public static final RunOptions DEFAULT = new RunOptions(false, null, false, null);

  /**
   * Returns a copy that scripts the simulator.
   *
   * @param r the responder
   * @return the copy
   */
  public RunOptions withResponder(Responder r) {
    return new RunOptions(fresh, progress, tty, r);
  }

  /**
   * Returns a copy that starts fresh.
   *
   * @return the copy
   */
  public RunOptions asFresh() {
    return new RunOptions(true, progress, tty, responder);
  }
}
