package io.synthkit.metrics;

import static io.synthkit.testdata.MetricsCorpus.EDGE_DUP;
import static io.synthkit.testdata.MetricsCorpus.EDGE_SINGLE;
import static io.synthkit.testdata.MetricsCorpus.EDGE_WITH_EMPTY;
import static io.synthkit.testdata.MetricsCorpus.NLTK_TOKENS;
import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.text.Tokenizer;
import io.synthkit.text.Tokenizers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Vectors: metrics.md §1.
class DistinctNTest {

  private static List<List<String>> tokenize(List<String> texts, Tokenizer tokenizer) {
    return texts.stream().map(tokenizer::tokenize).toList();
  }

  private static void assertRatios(List<DistinctN.Ratio> ratios, long[][] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(ratios.get(i).unique()).as("unique n=%d", i + 1).isEqualTo(expected[i][0]);
      assertThat(ratios.get(i).total()).as("total n=%d", i + 1).isEqualTo(expected[i][1]);
    }
  }

  @Test
  void upTo_corpusWhitespace_matchesReference() {
    List<DistinctN.Ratio> r = DistinctN.upTo(tokenize(TEXTS, Tokenizers.whitespace()), 5);
    assertRatios(r, new long[][] {{34, 55}, {37, 47}, {34, 39}, {29, 31}, {22, 23}});
    assertThat(r.get(0).value()).isCloseTo(0.6181818181818182, within(1e-12));
    assertThat(r.get(1).value()).isCloseTo(0.7872340425531915, within(1e-12));
    assertThat(r.get(2).value()).isCloseTo(0.8717948717948718, within(1e-12));
    assertThat(r.get(3).value()).isCloseTo(0.9354838709677419, within(1e-12));
    assertThat(r.get(4).value()).isCloseTo(0.9565217391304348, within(1e-12));
  }

  @Test
  void upTo_corpusWhitespaceLowercase_matchesReference() {
    List<DistinctN.Ratio> r = DistinctN.upTo(tokenize(TEXTS, Tokenizers.whitespaceLowercase()), 5);
    assertRatios(r, new long[][] {{31, 55}, {37, 47}, {34, 39}, {29, 31}, {22, 23}});
    assertThat(r.get(0).value()).isCloseTo(0.5636363636363636, within(1e-12));
  }

  @Test
  void upTo_corpusNltkTokens_matchesReference() {
    List<DistinctN.Ratio> r = DistinctN.upTo(NLTK_TOKENS, 5);
    assertRatios(r, new long[][] {{36, 63}, {42, 55}, {41, 47}, {36, 39}, {30, 31}});
    assertThat(r.get(0).value()).isCloseTo(0.5714285714285714, within(1e-12));
    assertThat(r.get(1).value()).isCloseTo(0.7636363636363637, within(1e-12));
    assertThat(r.get(2).value()).isCloseTo(0.8723404255319149, within(1e-12));
    assertThat(r.get(3).value()).isCloseTo(0.9230769230769231, within(1e-12));
    assertThat(r.get(4).value()).isCloseTo(0.967741935483871, within(1e-12));
    // Texygen's UniqueGram (not distinct-n) divides the same unique counts by the number of texts.
    double[] uniqueGram = r.stream().mapToDouble(x -> x.unique() / 8.0).toArray();
    assertThat(uniqueGram).containsExactly(4.5, 5.25, 5.125, 4.5, 3.75);
  }

  @ParameterizedTest
  @ValueSource(strings = {"whitespace", "lower", "ptb"})
  void upTo_edgeCorpora_sameForEveryTokenizer(String name) {
    Tokenizer t = Tokenizers.named(name);
    assertRatios(DistinctN.upTo(tokenize(EDGE_WITH_EMPTY, t), 5),
        new long[][] {{4, 6}, {3, 4}, {2, 2}, {0, 0}, {0, 0}});
    assertRatios(DistinctN.upTo(tokenize(EDGE_DUP, t), 5), new long[][] {{3, 6}, {2, 4}, {1, 2}, {0, 0}, {0, 0}});
    assertRatios(DistinctN.upTo(tokenize(EDGE_SINGLE, t), 5), new long[][] {{4, 4}, {3, 3}, {2, 2}, {1, 1}, {0, 0}});
  }

  @Test
  void value_noNGrams_isZero() {
    assertThat(DistinctN.of(List.of(List.of("a"), List.of()), 2).value()).isEqualTo(0.0);
    assertThat(DistinctN.of(List.of(), 1).value()).isEqualTo(0.0);
    assertThat(DistinctN.of(tokenize(EDGE_SINGLE, Tokenizers.whitespace()), 4).value()).isEqualTo(1.0);
  }

  @Test
  void of_ngramsDoNotCrossTexts() {
    // "a b" + "c d" has bigrams {ab, cd}; a cross-text "b c" would make 3.
    assertThat(DistinctN.of(List.of(List.of("a", "b"), List.of("c", "d")), 2)).isEqualTo(new DistinctN.Ratio(2, 2, 2));
  }

  @Test
  void of_outOfRange_throws() {
    assertThatThrownBy(() -> DistinctN.of(NLTK_TOKENS, 6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be in 1..5: 6");
    assertThatThrownBy(() -> DistinctN.of(NLTK_TOKENS, 0)).hasMessage("n must be in 1..5: 0");
  }
}
