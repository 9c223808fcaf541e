package io.synthkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import org.junit.jupiter.api.Test;

class TokenizersTest {

  @Test
  void whitespace_followsPythonSplit() {
    // U+00A0 and U+001C are whitespace for Python's str.split(); U+200B (zero width space) is not.
    assertThat(Tokenizers.whitespace().tokenize("  The cat\u00a0sat\u001con\tthe\nmat.  "))
        .containsExactly("The", "cat", "sat", "on", "the", "mat.");
    assertThat(Tokenizers.whitespace().tokenize("a\u200bb")).containsExactly("a\u200bb");
    assertThat(Tokenizers.whitespace().tokenize("   ")).isEmpty();
  }

  @Test
  void whitespaceLowercase_lowercasesWithRootLocale() {
    assertThat(Tokenizers.whitespaceLowercase().tokenize("The TITLE İs")).containsExactly("the", "title", "i\u0307s");
  }

  @Test
  void rouge_dropsNonAlphanumericAndNonAscii() {
    assertThat(Tokenizers.rouge().tokenize("Hello, World! Café au-lait #42")).containsExactly(
        "hello", "world", "caf", "au", "lait", "42");
    assertThat(Tokenizers.rouge().tokenize("?!...")).isEmpty();
  }

  @Test
  void rouge_keepsExactlyAsciiLettersAndDigits() {
    // The range ends a, z, 0, 9 are kept; their neighbours '`', '{', '/', ':' separate tokens.
    assertThat(Tokenizers.rouge().tokenize("az09")).containsExactly("az09");
    assertThat(Tokenizers.rouge().tokenize("a`z{0/9:b")).containsExactly("a", "z", "0", "9", "b");
    assertThat(Tokenizers.rouge().tokenize("ZEBRA@Apple")).containsExactly("zebra", "apple");
    assertThat(Tokenizers.rouge().tokenize("x")).containsExactly("x");
  }

  @Test
  void toString_isTheNameThatNamedAccepts() {
    for (String name : Tokenizers.NAMES) {
      assertThat(Tokenizers.named(name)).hasToString(name);
    }
    assertThat(new WhitespaceTokenizer(true)).hasToString("lower");
    assertThat(new WhitespaceTokenizer(false)).hasToString("whitespace");
  }

  @Test
  void named_knownNames_returnTheirTokenizers() {
    assertThat(Tokenizers.named("whitespace")).isSameAs(Tokenizers.whitespace());
    assertThat(Tokenizers.named("lower")).isSameAs(Tokenizers.whitespaceLowercase());
    assertThat(Tokenizers.named("ptb")).isSameAs(Tokenizers.ptb());
    assertThat(Tokenizers.named("rouge")).isSameAs(Tokenizers.rouge());
  }

  @Test
  void named_unknownName_namesItAndTheChoices() {
    assertThatThrownBy(() -> Tokenizers.named("nltk"))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("unknown tokenizer 'nltk'; expected one of whitespace, lower, ptb, rouge");
  }

  @Test
  void pythonStrip_stripsPythonWhitespaceOnly() {
    assertThat(PythonText.strip("\u00a0 safe\n\u2003")).isEqualTo("safe");
    assertThat(PythonText.strip("\u200bsafe")).isEqualTo("\u200bsafe");
  }
}
