/**
 * Seed and base data files (JSONL, JSON arrays, one item per line) and the item schemas methods ask models for.
 * Internal.
 */
@NullMarked
package io.synthkit.data;

import org.jspecify.annotations.NullMarked;
