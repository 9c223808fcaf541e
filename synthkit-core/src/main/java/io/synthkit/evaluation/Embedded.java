package io.synthkit.evaluation;

import java.util.List;

/**
 * Texts embedded during an evaluation, kept so a report can draw them without embedding again.
 *
 * @param ids record ids, one per vector
 * @param texts the texts, one per vector
 * @param vectors unit vectors from the evaluation's embedder
 */
public record Embedded(List<String> ids, List<String> texts, List<float[]> vectors) {

  /** An empty set. */
  public static final Embedded NONE = new Embedded(List.of(), List.of(), List.of());

  /** Checks the sizes. */
  public Embedded {
    ids = List.copyOf(ids);
    texts = List.copyOf(texts);
    vectors = List.copyOf(vectors);
    if (ids.size() != vectors.size() || texts.size() != vectors.size()) {
      throw new IllegalArgumentException("ids, texts and vectors differ in size: " + ids.size() + ", " + texts.size()
          + ", " + vectors.size());
    }
  }

  /** @return the number of vectors */
  public int size() {
    return vectors.size();
  }
}
