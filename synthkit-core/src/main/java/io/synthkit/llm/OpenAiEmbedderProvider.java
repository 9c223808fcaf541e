package io.synthkit.llm;

import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbedderProvider;
import io.synthkit.spi.EmbeddingsConfig;

/** Registers {@link OpenAiEmbedder} as {@code embeddings.provider: openai}. */
public final class OpenAiEmbedderProvider implements EmbedderProvider {

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public Embedder create(EmbeddingsConfig config) {
    return new OpenAiEmbedder(config, System.getenv());
  }
}
