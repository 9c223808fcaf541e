package io.synthkit.retrieval;

import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.RetrieverProvider;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens the {@link Retriever} a {@code retrieval:} config section names, finding providers with
 * {@link ServiceLoader}: {@code wikipedia} ships with the core, {@code lucene} with the {@code synthkit-lucene} module.
 * Stateless and thread-safe.
 */
public final class Retrievers {

  private Retrievers() {}

  /**
   * Opens the configured retriever without a persistent cache.
   *
   * @param config the {@code retrieval:} section; {@code provider} is required
   * @return a ready retriever; the caller closes it
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the provider is missing or unknown, listing those available,
   *     or when the provider rejects the section
   */
  public static Retriever open(RetrievalConfig config) {
    return find(config).open(config);
  }

  /**
   * Opens the configured retriever; remote providers keep their results in {@code cache}.
   *
   * @param config the {@code retrieval:} section; {@code provider} is required
   * @param cache the run's persistent cache
   * @return a ready retriever; the caller closes it
   * @throws io.synthkit.spi.SynthkitException as {@link #open(RetrievalConfig)}
   */
  public static Retriever open(RetrievalConfig config, RetrievalCache cache) {
    return find(config).open(config, Objects.requireNonNull(cache, "cache"));
  }

  /**
   * Returns the names of the providers on the class path.
   *
   * @return sorted provider names, for example {@code [lucene, wikipedia]}
   */
  public static List<String> available() {
    List<String> names = new ArrayList<>();
    for (RetrieverProvider p : providers()) names.add(p.name());
    names.sort(null);
    return names;
  }

  private static RetrieverProvider find(RetrievalConfig config) {
    String name = config.provider();
    if (name == null || name.isBlank()) {
      throw SynthkitException.input("retrieval.provider is required; available: " + String.join(", ", available()));
    }
    for (RetrieverProvider p : providers()) {
      if (p.name().equalsIgnoreCase(name.strip())) return p;
    }
    String available = String.join(", ", available());
    if (name.strip().toLowerCase(Locale.ROOT).equals("lucene")) {
      throw SynthkitException.input("retrieval.provider lucene needs the synthkit-lucene module on the class path "
          + "(the synthkit CLI bundles it; library users add the dependency io.synthkit:synthkit-lucene); available: "
          + available);
    }
    throw SynthkitException.input("unknown retrieval.provider \"" + name + "\"; available: " + available);
  }

  private static List<RetrieverProvider> providers() {
    try {
      return ServiceLoader.load(RetrieverProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a RetrieverProvider on the class path is broken: " + e.getMessage(), e);
    }
  }
}
