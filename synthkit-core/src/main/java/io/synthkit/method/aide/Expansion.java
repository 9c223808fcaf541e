package io.synthkit.method.aide;

import io.synthkit.persona.ScoredPersona;
import io.synthkit.spi.Rejection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything one node's expansion produced, returned to the method so it is consumed in node order.
 *
 * @param node the expanded node
 * @param topic its extracted topic (empty when extraction failed)
 * @param triplets its triplets
 * @param personas the personas retrieved for its topic
 * @param failure why the node could not be expanded, or {@code null}
 * @param outcomes one per branch, in branch order
 */
record Expansion(Node node, String topic, List<Triplet> triplets, List<ScoredPersona> personas,
    @Nullable Rejection failure, List<Outcome> outcomes) {

  /**
   * A node whose extraction failed: it grows no children.
   *
   * @param node the node
   * @param failure the rejection
   * @return the expansion
   */
  static Expansion failed(Node node, Rejection failure) {
    return new Expansion(node, "", List.of(), List.of(), failure, List.of());
  }
}
