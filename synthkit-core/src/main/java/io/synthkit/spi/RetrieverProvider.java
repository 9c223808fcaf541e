package io.synthkit.spi;

import io.synthkit.retrieval.Retrievers;
import java.util.Optional;

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

  /**
   * A persistent key-value store a {@link Retriever} may keep remote results in, so that resuming or re-running a
   * generation run does not ask a public API the same questions again. The run engine backs it with its SQLite store;
   * retrievers keep their own in-memory cache in front of it.
   *
   * <p>Keys are opaque strings that start with the provider name and its endpoint; values are JSON documents written by
   * the same retriever. Implementations must be thread-safe, and may drop entries at any time.
   */
  public interface RetrievalCache {

    /**
     * Looks a key up.
     *
     * @param key the key a retriever stored earlier
     * @return the stored JSON, or empty when absent
     */
    Optional<String> get(String key);

    /**
     * Stores or replaces a value.
     *
     * @param key the key
     * @param json the JSON document to keep
     */
    void put(String key, String json);
  }
}
