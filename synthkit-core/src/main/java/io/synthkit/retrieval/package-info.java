/**
 * Retrieval for fact checking: a {@link io.synthkit.spi.Retriever} returns
 * {@link io.synthkit.spi.Passage}s for an entity name, and {@link io.synthkit.retrieval.Retrievers} opens the one
 * a {@code retrieval:} config section names. The core ships {@link io.synthkit.retrieval.WikipediaRetriever}
 * (provider {@code wikipedia}); the {@code synthkit-lucene} module adds a local BM25 index (provider {@code lucene}).
 * Remote results can be kept across runs through a {@link io.synthkit.spi.RetrieverProvider.RetrievalCache}.
 */
@NullMarked
package io.synthkit.retrieval;

import org.jspecify.annotations.NullMarked;
