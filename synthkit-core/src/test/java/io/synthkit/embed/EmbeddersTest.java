package io.synthkit.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.SynthkitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddersTest {

  @Test
  void create_findsTheHashingProviderThroughServiceLoader() {
    try (Embedder embedder = Embedders.create(config("hashing"))) {
      assertThat(embedder).isInstanceOf(HashingEmbedder.class);
      assertThat(embedder.id()).isEqualTo("hashing:256");
    }
  }

  @Test
  void providerNames_includesHashing() {
    assertThat(Embedders.providerNames()).contains("hashing");
  }

  @Test
  void create_missingLocalProviderNamesTheModuleToAdd() {
    // The core's own test classpath has no ONNX module, so "local" is missing here by construction.
    assertThatThrownBy(() -> Embedders.create(config("local"), List.of(new HashingEmbedderProvider())))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("synthkit-embeddings-onnx")
        .hasMessageEndingWith("available: hashing")
        .extracting(e -> ((SynthkitException) e).exitCode())
        .isEqualTo(SynthkitException.EXIT_USAGE);
  }

  @Test
  void create_unknownProviderListsTheAvailableOnes() {
    assertThatThrownBy(() -> Embedders.create(config("word2vec")))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("unknown embeddings.provider \"word2vec\"; available: ")
        .hasMessageContaining("hashing");
  }

  @Test
  void missingProvider_meansTheLocalModel() {
    assertThat(config(null).provider()).isEqualTo("local");
    assertThat(config(" ").provider()).isEqualTo("local");
    assertThatThrownBy(() -> Embedders.create(config(null), List.of()))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("embeddings.provider \"local\" needs the synthkit-embeddings-onnx module");
  }

  private static EmbeddingsConfig config(String provider) {
    return new EmbeddingsConfig(provider, null, null, null, null);
  }
}
