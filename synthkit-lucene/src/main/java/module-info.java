/** Retrieval over a local corpus with Lucene BM25: the {@code lucene} retriever and {@code synthkit index}. */
module io.synthkit.lucene {
  requires io.synthkit;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;

  exports io.synthkit.retrieval.lucene;

  provides io.synthkit.spi.RetrieverProvider with io.synthkit.retrieval.lucene.LuceneRetrieverProvider;
}
