package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassageTextTest {

  private static final String TEXT = "Lake Baikal is the deepest lake. It is also the oldest one. It lies in Siberia.";

  @Test
  void truncate_fittingText_isOnlyStripped() {
    assertThat(PassageText.truncate("  short text \n", 100)).isEqualTo("short text");
  }

  @Test
  void truncate_cutsAtTheLastSentenceEndThatFits() {
    assertThat(PassageText.truncate(TEXT, 65)).isEqualTo("Lake Baikal is the deepest lake. It is also the oldest one.");
    assertThat(PassageText.truncate(TEXT, 59)).isEqualTo("Lake Baikal is the deepest lake. It is also the oldest one.");
    assertThat(PassageText.truncate(TEXT, 58)).isEqualTo("Lake Baikal is the deepest lake.");
  }

  @Test
  void truncate_sentenceEndTooEarly_cutsAtAWordWithAnEllipsis() {
    String text = "Short. " + "word ".repeat(40);
    String cut = PassageText.truncate(text, 60);
    assertThat(cut).hasSizeLessThanOrEqualTo(60).startsWith("Short. word word").endsWith("word…");
  }

  @Test
  void truncate_noSpaces_cutsHardWithoutSplittingASurrogatePair() {
    String emoji = "😀".repeat(30); // 60 chars, 30 code points
    String cut = PassageText.truncate(emoji, 10);
    assertThat(cut).hasSizeLessThanOrEqualTo(10).endsWith("…");
    assertThat(cut.codePoints().limit(cut.codePointCount(0, cut.length()) - 1)).allMatch(c -> c == 0x1F600);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 31, 32, 33, 50, 79})
  void truncate_neverExceedsTheBudget(int max) {
    assertThat(PassageText.truncate(TEXT, max)).hasSizeLessThanOrEqualTo(max);
  }

  @Test
  void truncate_nonPositiveBudget_isRejected() {
    assertThatThrownBy(() -> PassageText.truncate(TEXT, 0)).hasMessage("maxChars must be positive: 0");
  }
}
