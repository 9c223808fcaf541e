package io.synthkit.embed;

import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbedderProvider;
import io.synthkit.spi.EmbeddingsConfig;

/**
 * Provider {@code hashing}: a {@link HashingEmbedder} with {@link HashingEmbedder#DEFAULT_DIMENSION} buckets. It has no
 * model, so {@code embeddings.model} is ignored. Registered in the core's {@code META-INF/services}.
 */
public final class HashingEmbedderProvider implements EmbedderProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HashingEmbedderProvider() {}

  @Override
  public String name() {
    return "hashing";
  }

  @Override
  public Embedder create(EmbeddingsConfig config) {
    return new HashingEmbedder();
  }
}
