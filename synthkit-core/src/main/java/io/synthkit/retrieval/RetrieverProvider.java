package io.synthkit.retrieval;

/**
 * Service-provider interface for {@link Retriever} implementations, found with {@link java.util.ServiceLoader}.
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
}
