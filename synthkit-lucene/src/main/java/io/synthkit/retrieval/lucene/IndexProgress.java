package io.synthkit.retrieval.lucene;

/**
 * Receives progress while {@link CorpusIndexer} builds an index, for a progress bar or periodic log lines. Called on
 * the indexing thread every {@link CorpusIndexer.Builder#progressInterval(int) progressInterval} documents and once at
 * the end, so an implementation should return quickly.
 */
@FunctionalInterface
public interface IndexProgress {

  /** Ignores progress. */
  IndexProgress NONE = (documents, passages) -> {};

  /**
   * Reports the work done so far.
   *
   * @param documents corpus documents indexed so far
   * @param passages Lucene documents (passages) written so far, at least {@code documents} minus empty bodies
   */
  void indexed(long documents, long passages);
}
