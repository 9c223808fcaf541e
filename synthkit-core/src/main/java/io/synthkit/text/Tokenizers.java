package io.synthkit.text;

import io.synthkit.spi.SynthkitException;
import java.util.List;

/**
 * The built-in tokenizers by name, for configuration files and the CLI:
 *
 * <ul>
 *   <li>{@code whitespace}: Python {@code str.split()}, case and punctuation kept;
 *   <li>{@code lower}: the same after lowercasing;
 *   <li>{@code ptb}: nltk-compatible Penn Treebank tokens ({@link PtbTokenizer}), what Self-BLEU uses;
 *   <li>{@code rouge}: the rouge-score tokenizer ({@link RougeTokenizer}), what the ROUGE-L filter uses.
 * </ul>
 *
 * <p>Stateless and thread-safe; the returned tokenizers are shared singletons.
 */
public final class Tokenizers {

  /** The names {@link #named(String)} accepts, in documentation order. */
  public static final List<String> NAMES = List.of("whitespace", "lower", "ptb", "rouge");

  private static final Tokenizer WHITESPACE = new WhitespaceTokenizer(false);
  private static final Tokenizer LOWER = new WhitespaceTokenizer(true);
  private static final Tokenizer PTB = new PtbTokenizer();
  private static final Tokenizer ROUGE = new RougeTokenizer();

  private Tokenizers() {}

  /**
   * Returns Python {@code str.split()} tokenization.
   *
   * @return the shared whitespace tokenizer
   */
  public static Tokenizer whitespace() {
    return WHITESPACE;
  }

  /**
   * Returns lowercase-then-{@code str.split()} tokenization.
   *
   * @return the shared lowercasing whitespace tokenizer
   */
  public static Tokenizer whitespaceLowercase() {
    return LOWER;
  }

  /**
   * Returns the nltk-compatible Penn Treebank tokenizer.
   *
   * @return the shared PTB tokenizer
   */
  public static Tokenizer ptb() {
    return PTB;
  }

  /**
   * Returns the rouge-score tokenizer.
   *
   * @return the shared rouge tokenizer
   */
  public static Tokenizer rouge() {
    return ROUGE;
  }

  /**
   * Looks a tokenizer up by its configuration name.
   *
   * @param name one of {@link #NAMES}, exact and lowercase
   * @return the tokenizer
   * @throws SynthkitException (exit 2) naming the unknown name and the accepted ones
   */
  public static Tokenizer named(String name) {
    return switch (name) {
      case "whitespace" -> WHITESPACE;
      case "lower" -> LOWER;
      case "ptb" -> PTB;
      case "rouge" -> ROUGE;
      default -> throw SynthkitException.input(
          "unknown tokenizer '" + name + "'; expected one of " + String.join(", ", NAMES));
    };
  }
}
