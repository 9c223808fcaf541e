package io.synthkit.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Embedder;
import io.synthkit.embed.Embedders;
import io.synthkit.spi.EmbeddingsConfig;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderProviderTest {

  @Test
  void create_defaultConfigGivesTheExactLocalModel() {
    assertThat(Embedders.providerNames()).contains("local", "hashing");
    try (Embedder embedder = Embedders.create(EmbeddingsConfig.DEFAULT)) {
      assertThat(embedder).isInstanceOf(MiniLmEmbedder.class);
      assertThat(embedder.id()).isEqualTo("local:all-minilm-l6-v2-q");
      assertThat(((MiniLmEmbedder) embedder).batchSize()).isEqualTo(1);
    }
  }

  @Test
  void create_batchedModelTakesTheConfiguredBatchSize() {
    try (Embedder embedder = Embedders.create(config("all-minilm-l6-v2-q-batched", 16))) {
      assertThat(embedder.id()).isEqualTo("local:all-minilm-l6-v2-q-batched");
      assertThat(((MiniLmEmbedder) embedder).batchSize()).isEqualTo(16);
    }
  }

  @Test
  void create_unknownModelListsTheModels() {
    assertThatThrownBy(() -> Embedders.create(config("bge-small", null)))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("unknown embeddings.model \"bge-small\" for provider local; available: "
            + "all-minilm-l6-v2-q (exact, the default), all-minilm-l6-v2-q-batched");
  }

  @Test
  void create_rejectsNonPositiveBatchSize() {
    assertThatThrownBy(() -> Embedders.create(config("all-minilm-l6-v2-q-batched", 0)))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("embeddings.batch_size must be positive: 0");
  }

  private static EmbeddingsConfig config(String model, Integer batchSize) {
    return new EmbeddingsConfig("local", model, null, null, batchSize);
  }
}
