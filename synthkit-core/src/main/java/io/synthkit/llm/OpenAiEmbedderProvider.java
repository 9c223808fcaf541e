package io.synthkit.llm;

import io.synthkit.embed.Embedder;
import io.synthkit.embed.EmbedderProvider;
import io.synthkit.embed.EmbeddingsConfig;

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
