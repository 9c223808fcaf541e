/**
 * Duplicate detection for generated data: exact dedup on normalized text, Self-Instruct's ROUGE-L novelty filter, and
 * datasketch-compatible MinHash with banded LSH for near-duplicates at scale.
 */
@NullMarked
package io.synthkit.dedup;

import org.jspecify.annotations.NullMarked;
