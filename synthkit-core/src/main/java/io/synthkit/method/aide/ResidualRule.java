package io.synthkit.method.aide;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * When a synthesis prompt also receives the original seed as a reference (AIDE's residual connection, paper §3.3 and
 * Appendix D), for a child at hop {@code k} with residual depth {@code r}.
 */
public enum ResidualRule {
  /**
   * The paper's reading: connect the seed to every child at hops {@code 2 <= k <= r + 1}, on every path. With K = 2 and
   * r = 1 the hop-2 neighbours see the seed (Appendix D); r = K - 1 connects every hop. Hop-1 children need no
   * connection: their parent is the seed.
   */
  PAPER("paper"),
  /**
   * The public code: {@code layer > sk_conn}, and only the adding-reasoning rewrite keeps the seed (the concretizing and
   * constraint builders reset it to empty before use; methods.md §5.8 item 2).
   */
  CODE("code");

  private final String wire;

  ResidualRule(String wire) {
    this.wire = wire;
  }

  /** @return the config name */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * Parses a config value.
   *
   * @param value {@code paper} or {@code code}
   * @return the rule
   * @throws IllegalArgumentException for anything else
   */
  @JsonCreator
  public static ResidualRule of(String value) {
    for (ResidualRule r : values()) {
      if (r.wire.equals(value)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown residual_rule '" + value + "'; allowed: paper, code");
  }

  /**
   * Tells whether the seed joins a synthesis prompt.
   *
   * @param hop the hop of the child being synthesized (1 = a seed's children)
   * @param depth the residual depth r
   * @param operation the attribute path's operation, or {@code null} on a persona path
   * @return true when the seed is shown
   */
  public boolean applies(int hop, int depth, @Nullable Operation operation) {
    return switch (this) {
      case PAPER -> hop >= 2 && hop <= depth + 1;
      case CODE -> hop > depth && operation == Operation.REASONING;
    };
  }
}
