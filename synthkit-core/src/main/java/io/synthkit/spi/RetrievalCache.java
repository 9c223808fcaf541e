package io.synthkit.spi;

import java.util.Optional;

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
