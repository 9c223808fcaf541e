package io.synthkit.method.selfref;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the next formatting example is chosen (the paper's self-reference strategies, Section 3.4).
 *
 * <p>{@link #NAIVE}, {@link #RANDOM}, {@link #CONTRASTIVE} and {@link #SIMILAR} walk one chain (depth first): each call
 * uses one formatting example and the next one is picked from that call's accepted examples. {@link #TREE} walks
 * breadth first: every accepted example of one level is a formatting example of the next.
 */
enum Strategy {
  /** Always the seed formatting example (no self-reference). */
  NAIVE,
  /** Uniformly among the last call's accepted examples. */
  RANDOM,
  /** The accepted example whose question is least similar (embedding cosine) to the previous formatting example's. */
  CONTRASTIVE,
  /** The accepted example whose question is most similar to the previous formatting example's. */
  SIMILAR,
  /** Breadth-first: every accepted example becomes a formatting example of the next level. */
  TREE;

  /** @return the config spelling */
  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config spelling.
   *
   * @param value e.g. {@code contrastive}
   * @return the strategy
   * @throws IllegalArgumentException naming the allowed values
   */
  static Strategy of(String value) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("strategy must be one of "
            + Arrays.stream(values()).map(Strategy::wire).collect(Collectors.joining(", ")) + ": " + value));
  }
}
