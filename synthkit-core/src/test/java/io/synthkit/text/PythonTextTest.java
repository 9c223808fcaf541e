package io.synthkit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

// Expected values: Python 3.11 str.isspace(), str.split() and str.strip() (the White_Space property plus U+001C..U+001F).
class PythonTextTest {

  @ParameterizedTest
  @ValueSource(ints = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2005,
    0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000})
  void isSpace_pythonWhitespace_isTrue(int cp) {
    assertThat(PythonText.isSpace(cp)).as("U+%04X", cp).isTrue();
  }

  @ParameterizedTest
  // Neighbours of the ranges above, and U+180E / U+200B / U+FEFF, which Python 3.11 does not treat as whitespace.
  @ValueSource(ints = {0x00, 0x08, 0x0E, 0x1B, 0x21, 0x41, 0x84, 0x86, 0x9F, 0xA1, 0x167F, 0x1681, 0x180E, 0x1FFF,
    0x200B, 0x2027, 0x202A, 0x202E, 0x2030, 0x205E, 0x2060, 0x2FFF, 0x3001, 0xFEFF, 0x1D518})
  void isSpace_otherCodePoints_isFalse(int cp) {
    assertThat(PythonText.isSpace(cp)).as("U+%04X", cp).isFalse();
  }

  @Test
  void split_keepsSupplementaryCharactersWhole() {
    assertThat(PythonText.split("𝔘𝔘 a\u2000𝔘")).containsExactly("𝔘𝔘", "a", "𝔘");
    assertThat(PythonText.split("x")).containsExactly("x");
    assertThat(PythonText.split("")).isEmpty();
    assertThat(PythonText.split("\u3000a\u205fb\u2029")).containsExactly("a", "b");
  }

  @Test
  void strip_onlyWhitespace_isEmpty() {
    assertThat(PythonText.strip("")).isEmpty();
    assertThat(PythonText.strip(" ")).isEmpty();
    assertThat(PythonText.strip(" \t\u00a0\u3000\n")).isEmpty();
  }

  @Test
  void strip_keepsInnerWhitespaceAndSupplementaryEdges() {
    assertThat(PythonText.strip("a")).isEqualTo("a");
    assertThat(PythonText.strip("\u2000a b\u200a")).isEqualTo("a b");
    assertThat(PythonText.strip("𝔘 x 𝔘")).isEqualTo("𝔘 x 𝔘");
    assertThat(PythonText.strip(" 𝔘\n")).isEqualTo("𝔘");
  }
}
