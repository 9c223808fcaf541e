/**
 * Searching a synthkit Lucene index (the {@code lucene} retriever and its provider) and the index format that the
 * indexer and the retriever share: field names, {@code synthkit-index.json} and the analyzers. Not exported: users
 * reach the retriever through {@code retrieval: {provider: lucene, index: DIR}}.
 */
@NullMarked
package io.synthkit.retrieval.lucene.search;

import org.jspecify.annotations.NullMarked;
