package io.synthkit.spi;


/**
 * Service-provider interface through which optional modules contribute embedders. The core finds providers with
 * {@link java.util.ServiceLoader}, so adding the {@code synthkit-embeddings-onnx} jar to the classpath is enough to make
 * {@code provider: local} available.
 */
public interface EmbedderProvider {

  /**
   * Returns the value of {@code embeddings.provider} this provider answers to.
   *
   * @return for example {@code local}
   */
  String name();

  /**
   * Creates an embedder for a config section.
   *
   * @param config the {@code embeddings:} section
   * @return a ready embedder; the caller closes it
   */
  Embedder create(EmbeddingsConfig config);
}
