package io.synthkit;

import io.synthkit.sim.Responder;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.RunListener;
import org.jspecify.annotations.Nullable;

/**
 * How to run a config: start over or resume, who hears progress and notices, and (for tests) how the simulator
 * answers. Immutable; start from {@link #DEFAULT} and use the {@code with...} methods.
 *
 * @param fresh start over; the existing run directory is kept as {@code <name>.prev-N}
 * @param rebuildState set a damaged state database aside and start a new one, keeping the records (model calls are
 *     repeated; records already written are recognised by id and not written twice)
 * @param listener hears notices and progress; {@code null} logs notices through SLF4J
 * @param responder scripts the replies of simulated roles ({@code provider: simulated}), or {@code null}
 * @param fanOut where the run's model calls are answered instead of from this JVM (a cluster's executors), or
 *     {@code null} to send them from here
 */
public record RunOptions(boolean fresh, boolean rebuildState, @Nullable RunListener listener,
    @Nullable Responder responder, @Nullable CallFanOut fanOut) {

  /** Resume if the run exists; notices go to SLF4J; the simulator answers on its own. */
  public static final RunOptions DEFAULT = new RunOptions(false, false, null, null, null);

  /**
   * Options that send the calls from this JVM.
   *
   * @param fresh start over
   * @param rebuildState set a damaged state database aside
   * @param listener hears notices and progress, or {@code null}
   * @param responder scripts the simulator, or {@code null}
   */
  public RunOptions(boolean fresh, boolean rebuildState, @Nullable RunListener listener,
      @Nullable Responder responder) {
    this(fresh, rebuildState, listener, responder, null);
  }

  /**
   * Returns a copy that starts over.
   *
   * @return the copy
   */
  public RunOptions asFresh() {
    return new RunOptions(true, rebuildState, listener, responder, fanOut);
  }

  /**
   * Returns a copy that sets a damaged state database aside and starts a new one (see {@link #rebuildState()}).
   *
   * @return the copy
   */
  public RunOptions withRebuiltState() {
    return new RunOptions(fresh, true, listener, responder, fanOut);
  }

  /**
   * Returns a copy with a listener.
   *
   * @param l the listener
   * @return the copy
   */
  public RunOptions withListener(RunListener l) {
    return new RunOptions(fresh, rebuildState, l, responder, fanOut);
  }

  /**
   * Returns a copy whose simulated roles answer through a responder (requests it returns {@code null} for get the
   * simulator's own schema-valid placeholder replies).
   *
   * @param r the responder
   * @return the copy
   */
  public RunOptions withResponder(Responder r) {
    return new RunOptions(fresh, rebuildState, listener, r, fanOut);
  }

  /**
   * Returns a copy whose model calls are answered by a fan-out (a cluster's executors) instead of from this JVM; the
   * method, its state and the run directory stay here.
   *
   * @param f the fan-out
   * @return the copy
   */
  public RunOptions withFanOut(CallFanOut f) {
    return new RunOptions(fresh, rebuildState, listener, responder, f);
  }
}
