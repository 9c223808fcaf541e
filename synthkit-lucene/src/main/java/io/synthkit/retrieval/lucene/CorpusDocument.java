package io.synthkit.retrieval.lucene;

/**
 * One line of a JSONL corpus.
 *
 * @param id the document id, unique in the corpus
 * @param title the document title
 * @param text the document body, possibly empty
 * @param line the 1-based line number, for error messages
 */
record CorpusDocument(String id, String title, String text, long line) {}
