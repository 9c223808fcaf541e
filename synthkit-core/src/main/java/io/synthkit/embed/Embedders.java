package io.synthkit.embed;

import io.synthkit.spi.Embedder;
import io.synthkit.spi.EmbedderProvider;
import io.synthkit.spi.EmbeddingsConfig;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Creates embedders from the {@code embeddings:} config section by finding the {@link EmbedderProvider} whose
 * {@link EmbedderProvider#name()} equals {@code embeddings.provider}.
 *
 * <p>Providers are discovered with {@link ServiceLoader}, which is the extension point: a module (or the {@code llm}
 * package for {@code openai}) registers a provider in {@code META-INF/services/io.synthkit.spi.EmbedderProvider}
 * and becomes selectable without changes here. The core registers {@code hashing}; the
 * {@code synthkit-embeddings-onnx} module registers {@code local}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Embedders {

  /** The Maven artifact that provides {@code local}; named in the error when it is missing. */
  static final String ONNX_MODULE = "synthkit-embeddings-onnx";

  private Embedders() {}

  /**
   * Creates the embedder a config section asks for.
   *
   * @param config the {@code embeddings:} section
   * @return a ready embedder; the caller closes it
   * @throws SynthkitException (exit 2) when the provider is missing or unknown; the message lists the providers on the
   *     classpath and, for {@code local}, the module to add
   */
  public static Embedder create(EmbeddingsConfig config) {
    return create(config, ServiceLoader.load(EmbedderProvider.class));
  }

  /**
   * Lists the provider names found on the classpath.
   *
   * @return the names, sorted, for example {@code [hashing, local]}
   */
  public static List<String> providerNames() {
    return names(ServiceLoader.load(EmbedderProvider.class));
  }

  static Embedder create(EmbeddingsConfig config, Iterable<EmbedderProvider> providers) {
    Objects.requireNonNull(config, "config");
    String name = config.provider(); // never blank: the config defaults it to local
    for (EmbedderProvider provider : providers) {
      if (provider.name().equals(name.strip())) {
        return provider.create(config);
      }
    }
    String hint = name.strip().equals("local")
        ? "embeddings.provider \"local\" needs the " + ONNX_MODULE + " module on the classpath (Maven: io.synthkit:"
            + ONNX_MODULE + "; the synthkit CLI bundles it); "
        : "unknown embeddings.provider \"" + name + "\"; ";
    throw SynthkitException.input(hint + "available: " + available(providers));
  }

  private static String available(Iterable<EmbedderProvider> providers) {
    List<String> names = names(providers);
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static List<String> names(Iterable<EmbedderProvider> providers) {
    TreeSet<String> names = new TreeSet<>();
    providers.forEach(p -> names.add(p.name()));
    return new ArrayList<>(names);
  }
}
