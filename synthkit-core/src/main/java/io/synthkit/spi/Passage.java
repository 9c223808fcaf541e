package io.synthkit.spi;

/**
 * A retrieved piece of evidence.
 *
 * @param id the document id in its corpus
 * @param title the document title (for Wikipedia, the page title)
 * @param text the passage text
 * @param source where it came from: a corpus path or a URL
 * @param score the retriever's relevance score (BM25 for Lucene; rank-based for Wikipedia)
 */
public record Passage(String id, String title, String text, String source, double score) {}
