package io.synthkit.llm;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What an endpoint learned about one model: its parameter fixes and the structured-output mode it fell back to. Calls
 * read it before every send, so a fix learned by one call reaches every call, including those already in flight.
 * Thread-safe.
 */
final class Learned {

  private final AtomicReference<ParamRules> rules = new AtomicReference<>(ParamRules.NONE);
  private @Nullable StructuredMode mode;

  /**
   * Returns the fixes in force.
   *
   * @return the rules
   */
  ParamRules rules() {
    return rules.get();
  }

  /**
   * Adds a fix.
   *
   * @param fix the fix
   * @return true when it is new (and should be recorded), false when another call learned it first
   */
  boolean learn(ParamRules.Fix fix) {
    while (true) {
      ParamRules now = rules.get();
      if (now.has(fix)) {
        return false;
      }
      if (rules.compareAndSet(now, now.with(fix))) {
        return true;
      }
    }
  }

  /**
   * Returns the mode a configured one falls back to.
   *
   * @param resolved the configured mode as the adapter resolves it
   * @return the lower of it and the learned fallback
   */
  synchronized StructuredMode mode(StructuredMode resolved) {
    return mode != null && rank(mode) < rank(resolved) ? mode : resolved;
  }

  /**
   * Falls back from a refused mode. Only ever moves down, so a call that was in flight with an older mode cannot undo a
   * fallback another call already made.
   *
   * @param refused the mode the server refused
   * @param openAi whether json_object exists on this protocol
   * @return the mode to use, and whether this call made the change: {@code null} when nothing is left to fall back to
   */
  synchronized @Nullable Fallback fallBack(StructuredMode refused, boolean openAi) {
    if (mode != null && rank(mode) < rank(refused)) {
      return new Fallback(mode, false);
    }
    StructuredMode next = switch (refused) {
      case JSON_SCHEMA, TOOL -> openAi ? StructuredMode.JSON_OBJECT : StructuredMode.PROMPT;
      case JSON_OBJECT -> StructuredMode.PROMPT;
      case PROMPT, AUTO -> null;
    };
    if (next == null) {
      return null;
    }
    mode = next;
    return new Fallback(next, true);
  }

  /**
   * Falls back to a mode learned earlier (a resumed run), if it is lower than what is in force.
   *
   * @param m the mode
   */
  synchronized void lowerTo(StructuredMode m) {
    if (mode == null || rank(m) < rank(mode)) {
      mode = m;
    }
  }

  /**
   * A fallback mode.
   *
   * @param mode the mode to use now
   * @param isNew true when this call made the change (and should record it)
   */
  record Fallback(StructuredMode mode, boolean isNew) {}

  private static int rank(StructuredMode m) {
    return switch (m) {
      case JSON_SCHEMA, TOOL, AUTO -> 3;
      case JSON_OBJECT -> 2;
      case PROMPT -> 1;
    };
  }
}
