package io.synthkit.spi;

import io.synthkit.retrieval.Retrievers;

/**
 * Service-provider interface for {@link Retriever} implementations, found with {@link java.util.ServiceLoader} by
 * {@link Retrievers#open(RetrievalConfig)}. Implementations are stateless and need a public no-argument constructor.
 */
public interface RetrieverProvider {

  /**
   * Returns the value of {@code retrieval.provider} this provider answers to.
   *
   * @return for example {@code lucene}
   */
  String name();

  /**
   * Opens a retriever for a config section.
   *
   * @param config the {@code retrieval:} section
   * @return a ready retriever; the caller closes it
   */
  Retriever open(RetrievalConfig config);

  /**
   * Opens a retriever that may keep remote results in a persistent cache. Local providers have nothing worth caching
   * and ignore it, which is what the default does.
   *
   * @param config the {@code retrieval:} section
   * @param cache the run's persistent cache
   * @return a ready retriever; the caller closes it
   */
  default Retriever open(RetrievalConfig config, RetrievalCache cache) {
    return open(config);
  }
}
