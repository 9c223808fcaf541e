/**
 * Sentence embeddings: the {@link io.synthkit.spi.Embedder} contract, provider discovery
 * ({@link io.synthkit.embed.Embedders}), the model-free {@link io.synthkit.embed.HashingEmbedder} and the
 * {@link io.synthkit.embed.CachingEmbedder} that keeps each text's vector in a {@link io.synthkit.embed.VectorStore}.
 */
@NullMarked
package io.synthkit.embed;

import org.jspecify.annotations.NullMarked;
