/**
 * Tokenizers shared by the metrics and dedup code: Python {@code str.split()} semantics, the rouge-score tokenizer and an
 * nltk-compatible Penn Treebank tokenizer. Every tokenizer is stateless and thread-safe.
 */
@NullMarked
package io.synthkit.text;

import org.jspecify.annotations.NullMarked;
