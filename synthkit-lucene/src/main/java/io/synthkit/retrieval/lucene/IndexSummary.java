package io.synthkit.retrieval.lucene;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link CorpusIndexer#index} built.
 *
 * @param corpus the absolute corpus path
 * @param index the absolute index directory
 * @param documents corpus documents indexed
 * @param passages passages (Lucene documents) written
 * @param buildTime wall time from opening the corpus to the final commit
 */
public record IndexSummary(Path corpus, Path index, long documents, long passages, Duration buildTime) {

  /**
   * Returns the indexing rate.
   *
   * @return corpus documents per second of build time
   */
  public double documentsPerSecond() {
    double seconds = buildTime.toNanos() / 1e9;
    return seconds > 0 ? documents / seconds : documents;
  }
}
