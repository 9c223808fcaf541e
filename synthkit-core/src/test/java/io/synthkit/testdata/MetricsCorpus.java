package io.synthkit.testdata;

import java.util.Arrays;
import java.util.List;

/** The test corpus of metrics.md §0, shared by the metric, dedup and vector tests. */
public final class MetricsCorpus {

  /** The eight sentences S0..S7. */
  public static final List<String> TEXTS = List.of(
      "The cat sat on the mat.",
      "The cat sat on the red mat.",
      "A dog ran in the park.",
      "The dog ran quickly in the big park.",
      "Write a short poem about the sea.",
      "Write a short story about the sea.",
      "How do I bake bread at home?",
      "Explain how vaccines train the immune system.");

  /** The nltk word_tokenize column of §0, as given there (space-joined). */
  public static final List<List<String>> NLTK_TOKENS = List.of(
      tokens("The cat sat on the mat ."),
      tokens("The cat sat on the red mat ."),
      tokens("A dog ran in the park ."),
      tokens("The dog ran quickly in the big park ."),
      tokens("Write a short poem about the sea ."),
      tokens("Write a short story about the sea ."),
      tokens("How do I bake bread at home ?"),
      tokens("Explain how vaccines train the immune system ."));

  /** Labels of §0. */
  public static final List<Integer> LABELS = List.of(0, 0, 1, 1, 2, 2, 3, 3);

  /** Stand-in embeddings of §0. */
  public static final List<float[]> EMB = List.of(
      new float[] {1, 2, 0, 1},
      new float[] {1, 2, 1, 1},
      new float[] {0, 1, 3, 1},
      new float[] {0, 1, 3, 2},
      new float[] {2, 0, 1, 3},
      new float[] {2, 0, 1, 2},
      new float[] {3, -1, 0, 0},
      new float[] {-1, 3, 2, 0});

  public static final List<String> EDGE_SHORT = List.of("hello", "hello world", "hello world again");
  public static final List<String> EDGE_WITH_EMPTY = List.of("the cat sat", "", "the cat ran");
  public static final List<String> EDGE_DUP = List.of("same words here", "same words here");
  public static final List<String> EDGE_SINGLE = List.of("only one sentence here");

  private MetricsCorpus() {}

  /**
   * Splits a space-joined token string.
   *
   * @param joined tokens separated by single spaces; empty for no tokens
   * @return the tokens
   */
  public static List<String> tokens(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
  }
}
