package io.synthkit.retrieval.lucene;

/**
 * Receives progress while {@link CorpusIndexer} builds an index, for a progress bar or periodic log lines. Called on
 * the thread that called {@link CorpusIndexer#index} every
 * {@link CorpusIndexer.Builder#progressInterval(int) progressInterval} documents and once at the end, so an
 * implementation should return quickly. {@code documents} counts documents read and handed to the
 * index writer; the last few may still be in analysis on another thread until the final report.
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
