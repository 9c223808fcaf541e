package io.synthkit.method.aide;

import io.synthkit.persona.ScoredPersona;
import org.jspecify.annotations.Nullable;

/**
 * One path from a node to a child: a triplet with an operation (relevance), or a retrieved persona (diversity).
 */
sealed interface Branch {

  /** @return the child's path segment, e.g. {@code a1o2} or {@code p0} */
  String segment();

  /** @return the operation applied, or {@code null} on a persona path without one */
  @Nullable Operation operation();

  /** @return {@code attribute} or {@code persona}, for events and meta */
  String kind();

  /**
   * A triplet × operation path; its candidates are graded for relevance to the seed.
   *
   * @param triplet the triplet
   * @param tripletIndex its position among the node's triplets
   * @param operation the operation
   * @param operationIndex the operation's position in the configured list
   */
  record Attribute(Triplet triplet, int tripletIndex, Operation operation, int operationIndex) implements Branch {
    @Override
    public String segment() {
      return "a" + tripletIndex + "o" + operationIndex;
    }

    @Override
    public String kind() {
      return "attribute";
    }
  }

  /**
   * A persona path; its candidates are graded for diversity against the parent.
   *
   * @param persona the retrieved persona with its similarity to the topic
   * @param rank its rank among the node's personas
   * @param operation the operation folded in, or {@code null}
   */
  record Persona(ScoredPersona persona, int rank, @Nullable Operation operation) implements Branch {
    @Override
    public String segment() {
      return "p" + rank;
    }

    @Override
    public String kind() {
      return "persona";
    }
  }
}
