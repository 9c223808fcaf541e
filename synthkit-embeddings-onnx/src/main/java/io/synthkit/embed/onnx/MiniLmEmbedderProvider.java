package io.synthkit.embed.onnx;

import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbedderProvider;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.SynthkitException;

/**
 * Provider {@code local}: the in-process {@link MiniLmEmbedder}. {@code embeddings.model} selects the mode:
 * {@code all-minilm-l6-v2-q} (or unset) is exact, {@code all-minilm-l6-v2-q-batched} runs padded batches of
 * {@code embeddings.batch_size}. Registered in this module's {@code META-INF/services}.
 */
public final class MiniLmEmbedderProvider implements EmbedderProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MiniLmEmbedderProvider() {}

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Embedder create(EmbeddingsConfig config) {
    String model = config.model() == null || config.model().isBlank() ? MiniLmEmbedder.MODEL : config.model().strip();
    if (model.equals(MiniLmEmbedder.MODEL)) {
      // The exact mode runs one text per model call, so batch_size has nothing to size; callers still batch calls.
      return MiniLmEmbedder.exact();
    }
    if (model.equals(MiniLmEmbedder.BATCHED_MODEL)) {
      int batchSize = config.batchSizeOrDefault();
      if (batchSize < 1) {
        throw SynthkitException.input("embeddings.batch_size must be positive: " + batchSize);
      }
      return MiniLmEmbedder.batched(batchSize);
    }
    throw SynthkitException.input("unknown embeddings.model \"" + config.model() + "\" for provider local; available: "
        + MiniLmEmbedder.MODEL + " (exact, the default), " + MiniLmEmbedder.BATCHED_MODEL
        + " (padded batches: 1.5-2x faster, vectors vary ~1% with batch companions)");
  }
}
