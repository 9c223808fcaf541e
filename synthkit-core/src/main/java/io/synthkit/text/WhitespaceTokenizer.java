package io.synthkit.text;

import java.util.List;
import java.util.Locale;

/**
 * Python {@code str.split()} tokenization, optionally after lowercasing (metrics.md §0 "whitespace"). Case and
 * punctuation are kept: "mat." is one token.
 *
 * <p>Immutable and thread-safe.
 */
public final class WhitespaceTokenizer implements Tokenizer {

  private final boolean lowercase;

  /**
   * Creates a whitespace tokenizer.
   *
   * @param lowercase whether to lowercase with {@link Locale#ROOT} before splitting
   */
  public WhitespaceTokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  @Override
  public List<String> tokenize(String text) {
    return PythonText.split(lowercase ? text.toLowerCase(Locale.ROOT) : text);
  }

  @Override
  public String toString() {
    return lowercase ? "lower" : "whitespace";
  }
}
