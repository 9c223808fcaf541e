package io.synthkit.metrics;

import static io.synthkit.testdata.MetricsCorpus.EDGE_DUP;
import static io.synthkit.testdata.MetricsCorpus.EDGE_SHORT;
import static io.synthkit.testdata.MetricsCorpus.EDGE_SINGLE;
import static io.synthkit.testdata.MetricsCorpus.EDGE_WITH_EMPTY;
import static io.synthkit.testdata.MetricsCorpus.NLTK_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.text.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Vectors: metrics.md §2 (nltk 3.8 sentence_bleu, method1, Texygen leave-one-out).
class SelfBleuTest {

  private static List<List<String>> corpus(String name) {
    return switch (name) {
      case "CORPUS" -> NLTK_TOKENS;
      case "EDGE_SHORT" -> ptb(EDGE_SHORT);
      case "EDGE_WITH_EMPTY" -> ptb(EDGE_WITH_EMPTY);
      case "EDGE_DUP" -> ptb(EDGE_DUP);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static List<List<String>> ptb(List<String> texts) {
    return texts.stream().map(Tokenizers.ptb()::tokenize).toList();
  }

  @ParameterizedTest
  @CsvSource({
    "CORPUS, 0.5673820000429476, 0.40426578634553356, 0.3183773435360023, 0.2312198134150112, 0.38031123583487364",
    "EDGE_SHORT, 0.564561321011598, 0.28841530040358376, 0.2073093836638312, 0.170377723015431, 0.307665932023611",
    "EDGE_WITH_EMPTY, 0.38490017945975047, 0.2145531965790289, 0.1601874276089836, 0.13442637579962222,"
        + " 0.3352751922927694",
    "EDGE_DUP, 1.0, 1.0, 0.5623413251903491, 0.39810717055349726, 0.7401121239359616",
  })
  void texygenAndReverseGen_matchReference(String name, double b2, double b3, double b4, double b5, double rg) {
    List<List<String>> texts = corpus(name);
    double[] expected = {b2, b3, b4, b5};
    for (int n = 2; n <= 5; n++) {
      assertThat(SelfBleu.texygen(texts, n).score()).as("%s BLEU-%d", name, n).isCloseTo(expected[n - 2], within(1e-12));
    }
    assertThat(SelfBleu.reverseGen(texts).score()).as("%s ReverseGen", name).isCloseTo(rg, within(1e-12));
  }

  @Test
  void texygen_corpusPerHypothesis_matchesReference() {
    assertPerHypothesis(SelfBleu.texygen(NLTK_TOKENS, 3), 0.7937005259840997, 0.6786044041487267,
        0.20465282161876264, 0.16091489743427165, 0.6786044041487267, 0.6786044041487267, 0, 0.03904483328095401);
    assertPerHypothesis(SelfBleu.texygen(NLTK_TOKENS, 4), 0.7071067811865476, 0.5946035575013605,
        0.12098967350244397, 0.09128709291752769, 0.5, 0.5, 0, 0.03303164318013808);
  }

  private static void assertPerHypothesis(SelfBleu.Result r, double... expected) {
    assertThat(r.perHypothesis()).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(r.perHypothesis().get(i)).as("hypothesis %d", i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void texygen_corpus_ptbTokensGiveTheSameScore() {
    List<List<String>> ptb = ptb(io.synthkit.testdata.MetricsCorpus.TEXTS);
    assertThat(SelfBleu.texygen(ptb, 3).score()).isEqualTo(SelfBleu.texygen(NLTK_TOKENS, 3).score());
  }

  @Test
  void texygen_emptyHypothesis_scoresZeroAndCounts() {
    SelfBleu.Result r = SelfBleu.texygen(ptb(EDGE_WITH_EMPTY), 2);
    assertThat(r.perHypothesis().get(1)).isEqualTo(0.0);
    assertThat(r.hypotheses()).containsExactly(0, 1, 2);
    assertThat(SelfBleu.reverseGen(ptb(EDGE_WITH_EMPTY)).hypotheses()).containsExactly(0, 2);
  }

  @Test
  void texygen_hypothesisShorterThanN_getsSmoothedNotZero() {
    // EDGE_DUP has 3 tokens: no 4-gram, so p4 = 0.1/1 and BLEU-4 = 0.1^(1/4).
    assertThat(SelfBleu.texygen(ptb(EDGE_DUP), 4).score()).isCloseTo(Math.pow(0.1, 0.25), within(1e-15));
  }

  @Test
  void score_singleText_throws() {
    assertThatThrownBy(() -> SelfBleu.texygen(ptb(EDGE_SINGLE), 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("self-BLEU needs at least 2 texts, got 1");
    assertThatThrownBy(() -> SelfBleu.reverseGen(List.of(List.of("a"), List.of())))
        .hasMessage("self-BLEU needs at least 2 texts (non-empty), got 1");
  }

  @Test
  void score_badOptions_throw() {
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(6), false, SelfBleu.Options.ALL))
        .hasMessage("BLEU order must be in 1..5: 6");
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(9, -1, 1)))
        .hasMessage("hypoSize must be in 2..8: 9");
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(4, 4, 1)))
        .hasMessage("refSize must be at most the number of other hypotheses (3): 4");
  }

  @Test
  void score_sampling_reportsSizesAndIsSeeded() {
    List<List<String>> texts = randomCorpus(new Random(3), 60, 12, 9);
    SelfBleu.Options options = new SelfBleu.Options(20, 5, 42);
    SelfBleu.Result a = SelfBleu.score(texts, List.of(2, 3), false, options);
    SelfBleu.Result b = SelfBleu.score(texts, List.of(2, 3), false, options);
    SelfBleu.Result c = SelfBleu.score(texts, List.of(2, 3), false, new SelfBleu.Options(20, 5, 43));
    assertThat(a.hypotheses()).hasSize(20).isSorted().doesNotHaveDuplicates();
    assertThat(a.referencesPerHypothesis()).isEqualTo(5);
    assertThat(a).isEqualTo(b);
    assertThat(c.hypotheses()).isNotEqualTo(a.hypotheses());
  }

  @Test
  void sampledReferences_allOthers_equalsLeaveOneOut() {
    List<List<String>> texts = randomCorpus(new Random(5), 40, 10, 6);
    List<Integer> all = java.util.stream.IntStream.range(0, texts.size()).boxed().toList();
    BleuCorpus corpus = new BleuCorpus(texts, all, 5);
    int[] grams = {2, 3, 4, 5};
    assertThat(corpus.sampledReferences(grams, texts.size() - 1, new SplittableRandom(1)))
        .containsExactly(corpus.leaveOneOut(grams));
  }

  @Test
  void texygen_randomCorpora_matchStraightforwardNltkPort() {
    Random random = new Random(11);
    for (int round = 0; round < 20; round++) {
      List<List<String>> texts = randomCorpus(random, 2 + random.nextInt(15), 8, 1 + random.nextInt(6));
      int n = 1 + random.nextInt(5);
      List<Double> expected = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        List<List<String>> refs = new ArrayList<>(texts);
        refs.remove(i);
        expected.add(NltkBleu.sentenceBleu(refs, texts.get(i), n));
      }
      assertThat(SelfBleu.texygen(texts, n).perHypothesis()).as("round %d", round).isEqualTo(expected);
    }
  }

  static List<List<String>> randomCorpus(Random random, int size, int maxLen, int vocab) {
    List<List<String>> texts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      List<String> t = new ArrayList<>();
      int len = random.nextInt(maxLen + 1);
      for (int k = 0; k < len; k++) {
        t.add("w" + random.nextInt(vocab));
      }
      texts.add(t);
    }
    return texts;
  }
  @Test
  void score_sizeZeroMeansAll_andSizesAtTheLimitsAreAllowed() {
    double all = SelfBleu.texygen(NLTK_TOKENS, 3).score();
    assertThat(SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(0, 0, 1)).score()).isEqualTo(all);
    // refSize = hypotheses - 1 is every other text, i.e. leave-one-out.
    SelfBleu.Result everyOther = SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(-1, 7, 1));
    assertThat(everyOther.referencesPerHypothesis()).isEqualTo(7);
    assertThat(everyOther.score()).isEqualTo(all);
    assertThat(SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(8, -1, 1)).hypotheses())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    SelfBleu.Result two = SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(2, -1, 1));
    assertThat(two.hypotheses()).hasSize(2);
    assertThat(two.referencesPerHypothesis()).isEqualTo(1);
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(3), false, new SelfBleu.Options(1, -1, 1)))
        .hasMessage("hypoSize must be in 2..8: 1");
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(), false, SelfBleu.Options.ALL))
        .hasMessage("grams must not be empty");
    assertThatThrownBy(() -> SelfBleu.score(NLTK_TOKENS, List.of(0), false, SelfBleu.Options.ALL))
        .hasMessage("BLEU order must be in 1..5: 0");
  }

  @Test
  void score_oneSampledReference_scoresEachHypothesisAgainstOneOtherText() {
    List<List<String>> texts = randomCorpus(new Random(21), 12, 9, 5);
    SelfBleu.Result r = SelfBleu.score(texts, List.of(2), false, new SelfBleu.Options(-1, 1, 9));
    assertThat(r.referencesPerHypothesis()).isEqualTo(1);
    for (int i = 0; i < texts.size(); i++) {
      List<Double> single = new ArrayList<>();
      for (int j = 0; j < texts.size(); j++) {
        if (j != i) {
          single.add(NltkBleu.sentenceBleu(List.of(texts.get(j)), texts.get(i), 2));
        }
      }
      assertThat(single).as("hypothesis %d", i).contains(r.perHypothesis().get(i));
    }
    // With one reference each, the score differs from leave-one-out over all eleven others.
    assertThat(r.perHypothesis()).isNotEqualTo(SelfBleu.texygen(texts, 2).perHypothesis());
  }

  @Test
  void score_referenceSample_dependsOnTheSeed() {
    List<List<String>> texts = randomCorpus(new Random(22), 20, 9, 5);
    List<List<Double>> seen = new ArrayList<>();
    for (long seed = 0; seed < 4; seed++) {
      seen.add(SelfBleu.score(texts, List.of(2), false, new SelfBleu.Options(-1, 1, seed)).perHypothesis());
    }
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void sampledReferences_everyOtherText_matchesTexygenReference() {
    // Sampling every other text reaches the same references as leave-one-out, so metrics.md §2's values hold.
    List<Integer> all = java.util.stream.IntStream.range(0, 8).boxed().toList();
    BleuCorpus corpus = new BleuCorpus(NLTK_TOKENS, all, 5);
    double[] bleu5 = corpus.sampledReferences(new int[] {5}, 7, new SplittableRandom(3));
    assertThat(java.util.Arrays.stream(bleu5).average().orElseThrow()).isCloseTo(0.2312198134150112, within(1e-12));
    double[] bleu4 = corpus.sampledReferences(new int[] {4}, 7, new SplittableRandom(4));
    assertThat(bleu4).containsExactly(new double[] {0.7071067811865476, 0.5946035575013605, 0.12098967350244397,
        0.09128709291752769, 0.5, 0.5, 0, 0.03303164318013808}, within(1e-12));
    // EDGE_SHORT has lengths 1, 2, 3: "hello" is shorter than every reference, so the brevity penalty applies.
    List<List<String>> shortTexts = ptb(EDGE_SHORT);
    BleuCorpus shortCorpus = new BleuCorpus(shortTexts, List.of(0, 1, 2), 2);
    double[] bleu2 = shortCorpus.sampledReferences(new int[] {2}, 2, new SplittableRandom(5));
    assertThat(java.util.Arrays.stream(bleu2).average().orElseThrow()).isCloseTo(0.564561321011598, within(1e-12));
  }
}
