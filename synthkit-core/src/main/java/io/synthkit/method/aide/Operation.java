package io.synthkit.method.aide;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * The predefined operations AIDE applies along each knowledge triplet (paper §3.2.1, after Evol-Instruct): each one
 * rewrites a node into a harder item of the same task.
 */
public enum Operation {
  /** Replace general concepts with specific, concrete ones. */
  CONCRETIZING("concretizing"),
  /** Add simple constraints or requirements. */
  CONSTRAINTS("constraints"),
  /** Ask for more steps of reasoning. */
  REASONING("reasoning");

  private final String wire;

  Operation(String wire) {
    this.wire = wire;
  }

  /** @return the config and record name, e.g. {@code constraints} */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * Parses a config value.
   *
   * @param value e.g. {@code reasoning}
   * @return the operation
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static Operation of(String value) {
    return Arrays.stream(values()).filter(o -> o.wire.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown operation '" + value + "'; allowed: "
            + String.join(", ", names())));
  }

  /** @return every operation name, in paper order */
  public static List<String> names() {
    return Arrays.stream(values()).map(Operation::wire).toList();
  }
}
