/**
 * Seed and base data files (JSONL, JSON arrays, one item per line) and the item schemas methods ask models for.
 * Internal.
 */
package io.synthkit.data;
