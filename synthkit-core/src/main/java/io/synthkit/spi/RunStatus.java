package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended (or that it is running). */
public enum RunStatus {
  /** Still running, or killed without a chance to say so. */
  RUNNING,
  /** Reached its target. */
  COMPLETED,
  /** The method finished its work short of the target (items rejected, calls failed); the message says why. */
  INCOMPLETE,
  /** Stopped by the user (Ctrl-C); resumable. */
  INTERRUPTED,
  /** Stopped by an error; the manifest's message says which. Resumable once fixed. */
  FAILED,
  /** Stopped at the budget; resumable with a higher budget. */
  BUDGET_EXHAUSTED;

  /**
   * Returns the manifest spelling.
   *
   * @return for example {@code budget_exhausted}
   */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
