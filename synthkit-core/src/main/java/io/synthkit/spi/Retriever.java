package io.synthkit.spi;

import java.util.List;

/**
 * Finds passages relevant to a query, for retrieval-based fact checking. Two implementations: a local Lucene BM25 index
 * (module {@code synthkit-lucene}) and the Wikipedia API. Implementations are thread-safe.
 */
public interface Retriever extends AutoCloseable {

  /**
   * Returns up to {@code k} passages, best first.
   *
   * @param query free text, usually an entity name
   * @param k the most passages to return
   * @return the passages, possibly fewer than {@code k}
   */
  List<Passage> search(String query, int k);

  /** Releases the index or HTTP resources; the default does nothing. */
  @Override
  default void close() {}
}
