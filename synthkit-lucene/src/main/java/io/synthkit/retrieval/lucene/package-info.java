/**
 * Local BM25 retrieval over a JSONL corpus with Apache Lucene: {@link io.synthkit.retrieval.lucene.CorpusIndexer}
 * builds an index ({@code synthkit index CORPUS.jsonl --out DIR}); the retriever in the internal package
 * {@code io.synthkit.retrieval.lucene.search} searches it (provider {@code lucene}). {@code CorpusIndexer} is this
 * module's only published type.
 *
 * <h2>Design choices</h2>
 * <ul>
 *   <li><b>Passages, not articles.</b> Each document is split into passages of whole sentences, ~200 words with ~40
 *       words of overlap; each passage is one Lucene document carrying its parent id and title. Evidence then points
 *       at the relevant part of a long article, and three passages cost well under 1,000 prompt tokens.</li>
 *   <li><b>Analysis.</b> English analysis with ASCII folding (the default; see {@link
 *       io.synthkit.retrieval.lucene.CorpusIndexer.Analysis} for the measurement) or plain standard analysis; recorded in
 *       {@code synthkit-index.json} and reused at search time.</li>
 *   <li><b>Scoring.</b> BM25 (k1 = 1.2, b = 0.75) over title and text; title matches weigh twice as much.</li>
 *   <li><b>Safe queries.</b> Queries are analyzed text, never Lucene query syntax, so no user or model text can make
 *       a search fail.</li>
 *   <li><b>Flat memory.</b> The corpus is streamed; duplicate ids are found from the index's own term dictionary after
 *       the last line rather than from a set of every id seen.</li>
 *   <li><b>All or nothing.</b> A failed build leaves no half-written index behind; {@code synthkit-index.json} is
 *       written last and marks a finished index.</li>
 * </ul>
 */
@NullMarked
package io.synthkit.retrieval.lucene;

import org.jspecify.annotations.NullMarked;
