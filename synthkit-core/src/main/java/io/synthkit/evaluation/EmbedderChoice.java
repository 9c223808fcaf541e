package io.synthkit.evaluation;

import io.synthkit.embed.Embedders;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.SynthkitException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The embedder behind an evaluation's embedding metrics, with the reason it was chosen, which every output states:
 * remote-clique and APS values are only comparable between runs measured with the same embedder.
 *
 * <p>Order: an explicit provider name; else the config's {@code embeddings:} section; else the local ONNX model when
 * its module is on the classpath (the CLI bundles it); else the lexical {@link HashingEmbedder}. When the configured
 * provider cannot be created (module missing, endpoint down), the hashing embedder stands in and the reason says so,
 * so a report is still written.
 *
 * @param embedder the embedder; the caller closes it
 * @param source why it was chosen
 */
public record EmbedderChoice(Embedder embedder, String source) implements AutoCloseable {

  /** Checks the parts. */
  public EmbedderChoice {
    Objects.requireNonNull(embedder, "embedder");
    Objects.requireNonNull(source, "source");
  }

  /**
   * Chooses an embedder.
   *
   * @param provider an explicit provider ({@code local}, {@code openai}, {@code hashing}) or null
   * @param config the run config's {@code embeddings:} section, or null when there is no config
   * @return the choice
   * @throws SynthkitException (exit 2) when an explicitly named provider is unavailable
   */
  public static EmbedderChoice choose(@Nullable String provider, @Nullable EmbeddingsConfig config) {
    if (provider != null) {
      if (provider.equals("hashing")) {
        return hashing("requested with --embedder hashing");
      }
      EmbeddingsConfig base = config != null && provider.equals(config.provider()) ? config
          : new EmbeddingsConfig(provider, provider.equals("local") ? EmbeddingsConfig.DEFAULT.model() : null, null,
              null, null);
      return new EmbedderChoice(Embedders.create(base), "requested with --embedder " + provider);
    }
    if (config != null) {
      return fromConfig(config, "the config's embeddings.provider " + config.provider());
    }
    if (Embedders.providerNames().contains("local")) {
      return fromConfig(EmbeddingsConfig.DEFAULT, "the local ONNX model found on the classpath (no --config given)");
    }
    return hashing("no model: no --config given and the synthkit-embeddings-onnx module is not on the classpath");
  }

  private static EmbedderChoice fromConfig(EmbeddingsConfig config, String why) {
    if ("hashing".equals(config.provider())) {
      return hashing(why);
    }
    try {
      return new EmbedderChoice(Embedders.create(config), why);
    } catch (RuntimeException e) {
      return hashing("fallback: " + why + " is unavailable (" + e.getMessage() + ")");
    }
  }

  /**
   * The lexical hashing embedder.
   *
   * @param why the reason, stated in outputs
   * @return the choice
   */
  public static EmbedderChoice hashing(String why) {
    return new EmbedderChoice(new HashingEmbedder(), "hashing (lexical word features, no model): " + why);
  }

  @Override
  public void close() {
    embedder.close();
  }
}
