package io.synthkit.embed;

import java.util.Collection;
import java.util.Map;

/**
 * A key-value store of vectors behind {@link CachingEmbedder}. Keys are opaque strings built by
 * {@link CachingEmbedder#key(String, String)}; the store never interprets them.
 *
 * <p>Two implementations exist: {@link InMemoryVectorStore} and the run engine's SQLite store, which makes vectors
 * survive restarts. Both work in bulk because the SQLite store answers one query per batch, not one per text.
 * Implementations are thread-safe and keep their own copies of the vectors they are given.
 */
public interface VectorStore {

  /**
   * Looks up many keys at once.
   *
   * @param keys the keys to look up; may contain keys the store has never seen
   * @return the vectors found, by key; keys without a vector are absent. The caller may modify the returned arrays.
   */
  Map<String, float[]> getAll(Collection<String> keys);

  /**
   * Stores vectors, replacing any stored under the same keys.
   *
   * @param vectors the vectors by key; the store copies them, so the caller may reuse the arrays
   */
  void putAll(Map<String, float[]> vectors);
}
