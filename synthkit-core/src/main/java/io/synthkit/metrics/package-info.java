/**
 * Dataset diversity, quality and safety metrics with the exact definitions of {@code shared/methods/metrics.md}:
 * distinct-n, Self-BLEU, remote-clique, APS, INGF, entity overlap, attack-success and harmful rates, length statistics,
 * embedding novelty and answer entropy. Every class is stateless and thread-safe; inputs are already tokenized or
 * embedded, so the choice of tokenizer or embedder stays with the caller and is recorded there.
 */
@NullMarked
package io.synthkit.metrics;

import org.jspecify.annotations.NullMarked;
