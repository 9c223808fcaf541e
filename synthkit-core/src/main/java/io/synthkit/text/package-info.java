/**
 * Tokenizers shared by the metrics and dedup code: Python {@code str.split()} semantics, the rouge-score tokenizer and an
 * nltk-compatible Penn Treebank tokenizer. Every tokenizer is stateless and thread-safe.
 */
package io.synthkit.text;
