/**
 * Retrieval over a local corpus with Lucene BM25: the {@code lucene} retriever and {@code synthkit index}. The
 * published API is {@link io.synthkit.retrieval.lucene.CorpusIndexer}; the retriever is reached through
 * {@code retrieval: {provider: lucene, index: DIR}}.
 */
module io.synthkit.lucene {
  requires static org.jspecify;
  requires io.synthkit;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;

  exports io.synthkit.retrieval.lucene;
  // The benchmarks measure the retriever directly; users cannot.
  exports io.synthkit.retrieval.lucene.search to io.synthkit.bench;

  provides io.synthkit.spi.RetrieverProvider with io.synthkit.retrieval.lucene.search.LuceneRetrieverProvider;
}
