package io.synthkit.text;

import java.util.List;

/**
 * Splits a text into tokens. Implementations are pure functions of the text: the same text always gives the same list,
 * and they are thread-safe. {@link Tokenizers} names the built-in ones.
 */
@FunctionalInterface
public interface Tokenizer {

  /**
   * Tokenizes one text.
   *
   * @param text the text, never null
   * @return the tokens in order; empty when the text has none
   */
  List<String> tokenize(String text);
}
