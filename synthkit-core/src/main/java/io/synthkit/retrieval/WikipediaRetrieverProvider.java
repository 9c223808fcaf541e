package io.synthkit.retrieval;

import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.RetrieverProvider;

/**
 * Plugs {@link WikipediaRetriever} into {@link Retrievers} as provider {@code wikipedia}; found with
 * {@link java.util.ServiceLoader}. Stateless and thread-safe.
 */
public final class WikipediaRetrieverProvider implements RetrieverProvider {

  /** The {@code retrieval.provider} value this provider answers to. */
  public static final String NAME = "wikipedia";

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public WikipediaRetrieverProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Opens a retriever with in-memory caching only.
   *
   * @param config reads {@code base_url} (else {@code language}), {@code requests_per_second},
   *     {@code max_passage_chars} and {@code user_agent}
   * @return the retriever
   * @throws io.synthkit.spi.SynthkitException (exit 2) for a malformed value, naming the key
   */
  @Override
  public Retriever open(RetrievalConfig config) {
    return builder(config).build();
  }

  /**
   * Opens a retriever that also keeps results in the run's persistent cache.
   *
   * @param config as {@link #open(RetrievalConfig)}
   * @param cache the run's cache
   * @return the retriever
   */
  @Override
  public Retriever open(RetrievalConfig config, RetrievalCache cache) {
    return builder(config).cache(cache).build();
  }

  private static WikipediaRetriever.Builder builder(RetrievalConfig config) {
    WikipediaRetriever.Builder b = WikipediaRetriever.builder()
        .requestsPerSecond(config.requestsPerSecondOrDefault())
        .maxPassageChars(config.maxPassageCharsOrDefault());
    if (config.baseUrl() != null && !config.baseUrl().isBlank()) {
      b.baseUrl(config.baseUrl());
    } else if (config.language() != null) {
      b.language(config.language());
    }
    if (config.userAgent() != null) b.userAgent(config.userAgent());
    return b;
  }
}
