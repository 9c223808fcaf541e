package io.synthkit.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashingEmbedderTest {

  private final HashingEmbedder embedder = new HashingEmbedder();

  @Test
  void embed_returnsUnitVectorsOfTheConfiguredDimension() {
    List<float[]> vectors = embedder.embed(List.of("A cat sits on the mat", "x", "Ünïcödé 日本語 text 123"));

    assertThat(vectors).hasSize(3).allSatisfy(v -> {
      assertThat(v).hasSize(256);
      assertThat(dot(v, v)).isCloseTo(1.0, within(1e-5));
    });
  }

  @Test
  void embed_sharedWordsScoreHigherThanDisjointWords() {
    float[] query = embedder.embed("the cat sits on the mat");
    float[] overlap = embedder.embed("a cat sits on a rug");
    float[] disjoint = embedder.embed("quarterly tax filing deadlines");

    assertThat(dot(query, overlap)).isGreaterThan(dot(query, disjoint) + 0.3);
  }

  @Test
  void embed_ignoresCaseAndPunctuation() {
    assertThat(embedder.embed("Hello, World!")).containsExactly(embedder.embed("hello world"));
  }

  @Test
  void embed_bigramsMakeWordOrderMatter() {
    float[] ab = embedder.embed("dog bites man");
    float[] ba = embedder.embed("man bites dog");

    assertThat(dot(ab, ba)).isLessThan(0.99).isGreaterThan(0.3);
  }

  @Test
  void embed_textsWithoutWordsShareOneFixedUnitVector() {
    float[] empty = embedder.embed("");
    float expected = (float) (1 / Math.sqrt(256));

    assertThat(embedder.embed("  ?! ")).containsExactly(empty);
    assertThat(empty).containsOnly(expected);
  }

  @Test
  void embed_isDeterministicAcrossInstancesAndBatches() {
    List<float[]> batch = embedder.embed(List.of("one two", "three four", "one two"));

    assertThat(new HashingEmbedder().embed("three four")).containsExactly(batch.get(1));
    assertThat(batch.get(0)).containsExactly(batch.get(2));
  }

  @Test
  void embed_knownVectorNeverChanges() {
    // Cached vectors outlive releases: changing the hash silently would mix incompatible vectors under one id.
    float[] v = new HashingEmbedder(8).embed("black cat");

    float third = 0.57735026f; // three features ("black", "cat", "black cat") in distinct buckets

    assertThat(v).containsExactly(0f, third, 0f, 0f, -third, 0f, 0f, -third);
  }

  @Test
  void id_namesTheDimension() {
    assertThat(new HashingEmbedder(64).id()).isEqualTo("hashing:64");
    assertThat(new HashingEmbedder(64).dimension()).isEqualTo(64);
  }

  @Test
  void constructor_rejectsTinyDimension() {
    assertThatThrownBy(() -> new HashingEmbedder(1)).hasMessage("dimension must be at least 2: 1");
  }

  @Test
  void words_splitsOnNonLetterOrDigit() {
    assertThat(HashingEmbedder.words("It's 3D-printing, naïve CAFÉ!"))
        .containsExactly("it", "s", "3d", "printing", "naïve", "café");
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
