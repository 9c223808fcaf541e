package io.synthkit.spi;

import java.util.List;

/**
 * Turns texts into dense vectors. Implementations return <b>unit-length</b> vectors so that cosine similarity is a dot
 * product, and they are deterministic: the same text always gives the same vector.
 *
 * <p>Two real implementations exist: the in-process ONNX model (module {@code synthkit-embeddings-onnx}, provider
 * {@code local}) and any OpenAI-compatible {@code /v1/embeddings} endpoint (provider {@code openai}). Implementations
 * are thread-safe.
 */
public interface Embedder extends AutoCloseable {

  /**
   * Names the model; part of every cache key, so two models never share cached vectors.
   *
   * @return for example {@code local:all-minilm-l6-v2-q}
   */
  String id();

  /**
   * Returns the length of every vector this embedder produces.
   *
   * @return the dimension, for example 384
   */
  int dimension();

  /**
   * Embeds texts in one or more batches.
   *
   * @param texts the texts, in any number
   * @return one unit-length vector per text, in the same order
   */
  List<float[]> embed(List<String> texts);

  /**
   * Embeds one text.
   *
   * @param text the text
   * @return its unit-length vector
   */
  default float[] embed(String text) {
    return embed(List.of(text)).get(0);
  }

  /** Releases native resources; the default does nothing. */
  @Override
  default void close() {}
}
