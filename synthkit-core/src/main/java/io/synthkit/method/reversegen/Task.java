package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The three tasks of the ReverseGen paper; each fixes the proposer prompt format (methods.md §4.3), the proposer's
 * nucleus mass (§4.2) and the oracle that labels a target response a failure.
 */
public enum Task {
  /** Red-teaming: instructions that make the target answer unsafely; judged by a safety classifier. */
  SAFETY(0.98),
  /** Honesty calibration: multiple-choice questions the target answers inconsistently (high answer entropy). */
  HONESTY(0.98),
  /** Math reasoning: word problems whose final answer the target gets wrong. */
  MATH(0.9);

  private final double topP;

  Task(double topP) {
    this.topP = topP;
  }

  /**
   * Returns the proposer's default top_p: 0.98 for safety and honesty, 0.9 for math (the paper's values).
   *
   * @return the nucleus mass
   */
  public double defaultTopP() {
    return topP;
  }

  /**
   * Returns the config spelling.
   *
   * @return {@code safety}, {@code honesty} or {@code math}
   */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config spelling.
   *
   * @param value {@code safety}, {@code honesty} or {@code math}
   * @return the task
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static Task parse(String value) {
    for (Task t : values()) {
      if (t.wire().equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException("must be one of safety, honesty, math: " + value);
  }
}
