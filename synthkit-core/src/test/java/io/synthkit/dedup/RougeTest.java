package io.synthkit.dedup;

import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Vectors: metrics.md §5 (rouge-score ROUGE-L, Self-Instruct filter).
class RougeTest {

  @ParameterizedTest
  @CsvSource({"0, 1, 0.923076923076923", "2, 3, 0.7142857142857143", "4, 5, 0.8571428571428571",
    "0, 3, 0.28571428571428575", "6, 7, 0.14285714285714285"})
  void rougeL_corpusPairs_matchReference(int i, int j, double f) {
    assertThat(RougeL.score(TEXTS.get(i), TEXTS.get(j)).fmeasure()).isCloseTo(f, within(1e-12));
    assertThat(RougeL.score(TEXTS.get(j), TEXTS.get(i)).fmeasure()).isEqualTo(RougeL.score(TEXTS.get(i), TEXTS.get(j))
        .fmeasure());
  }

  @Test
  void rougeL_precisionAndRecall_matchReference() {
    RougeL.Score s01 = RougeL.score(TEXTS.get(0), TEXTS.get(1));
    assertThat(s01.precision()).isCloseTo(6.0 / 7, within(1e-15));
    assertThat(s01.recall()).isEqualTo(1.0);
    RougeL.Score s23 = RougeL.score(TEXTS.get(2), TEXTS.get(3));
    assertThat(s23.precision()).isEqualTo(0.625);
    assertThat(s23.recall()).isCloseTo(0.8333333333333334, within(1e-15));
    assertThat(RougeL.score("testing one two", "testing one").fmeasure()).isCloseTo(0.8, within(1e-15));
  }

  @Test
  void rougeL_exactlyPointSeven_andEmpty() {
    RougeL.Score s = RougeL.score("one two three four five six seven eight nine ten",
        "one two three four five six seven x y z");
    assertThat(s).isEqualTo(new RougeL.Score(0.7, 0.7, 0.7));
    assertThat(RougeL.score("some words", "?!").fmeasure()).isEqualTo(0.0);
    assertThat(RougeL.score("", "").fmeasure()).isEqualTo(0.0);
  }

  @Test
  void filter_referenceRun_keepsS0S2S4S6S7() {
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of(TEXTS.get(0)));
    double[] scores = {0.923076923076923, 0.16666666666666666, 0.7142857142857143, 0.30769230769230765,
      0.8571428571428571, 0.0, 0.15384615384615383};
    boolean[] accepted = {false, true, false, true, false, true, true};
    String[] against = {TEXTS.get(0), null, TEXTS.get(2), null, TEXTS.get(4), null, null};
    for (int k = 1; k < 8; k++) {
      RougeFilter.Decision d = filter.offer(TEXTS.get(k));
      assertThat(d.accepted()).as("S%d", k).isEqualTo(accepted[k - 1]);
      assertThat(d.maxScore()).as("S%d", k).isCloseTo(scores[k - 1], within(1e-12));
      if (against[k - 1] != null) {
        assertThat(d.mostSimilar()).as("S%d", k).contains(against[k - 1]);
      }
    }
    assertThat(filter.pool()).containsExactly(TEXTS.get(0), TEXTS.get(2), TEXTS.get(4), TEXTS.get(6), TEXTS.get(7));
  }

  @Test
  void filter_scoreExactlyAtThreshold_isKept() {
    RougeFilter filter = new RougeFilter(0.7);
    filter.addSeeds(List.of("one two three four five six seven eight nine ten"));
    RougeFilter.Decision d = filter.offer("one two three four five six seven x y z");
    assertThat(d.accepted()).isTrue();
    assertThat(d.maxScore()).isEqualTo(0.7);
    assertThat(filter.poolSize()).isEqualTo(2);
  }

  @Test
  void filter_noSharedToken_reportsNoMostSimilar() {
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of("alpha beta"));
    RougeFilter.Decision d = filter.check("gamma delta");
    assertThat(d).isEqualTo(new RougeFilter.Decision(true, 0.0, -1, java.util.Optional.empty()));
    assertThat(filter.poolSize()).isEqualTo(1);
  }

  @Test
  void filter_prunedSearch_equalsBruteForceMaximum() {
    Random random = new Random(8);
    RougeFilter filter = new RougeFilter(0.5);
    List<String> pool = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String candidate = randomText(random);
      double best = -1;
      int bestIndex = -1;
      for (int p = 0; p < pool.size(); p++) {
        double f = RougeL.score(candidate, pool.get(p)).fmeasure();
        if (f > best && f > 0) {
          best = f;
          bestIndex = p;
        }
      }
      RougeFilter.Decision d = filter.offer(candidate);
      assertThat(d.maxScore()).as("candidate %d", i).isEqualTo(Math.max(best, 0.0));
      assertThat(d.mostSimilarIndex()).as("candidate %d", i).isEqualTo(bestIndex);
      if (d.accepted()) {
        pool.add(candidate);
      }
      assertThat(d.accepted()).isEqualTo(!(best > 0.5));
    }
    assertThat(pool.size()).isBetween(100, 599);
  }

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int len = 3 + random.nextInt(8);
    for (int k = 0; k < len; k++) {
      sb.append("t").append(random.nextInt(12)).append(k % 3 == 0 ? ", " : " ");
    }
    return sb.toString();
  }

  @Test
  void filter_badThreshold_throws() {
    assertThatThrownBy(() -> new RougeFilter(1.2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threshold must be in [0,1]: 1.2");
  }
  @Test
  void rougeL_noCommonToken_isZeroNotNaN() {
    assertThat(RougeL.score("alpha beta", "gamma delta")).isEqualTo(new RougeL.Score(0, 0, 0));
  }

  @Test
  void rougeL_lcsIsASubsequenceNotASubstring() {
    // LCS("a x b y c", "a b c") = 3: P = 3/3, R = 3/5, F = 2*0.6/1.6 = 0.75.
    RougeL.Score s = RougeL.score("a x b y c", "a b c");
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(0.6);
    assertThat(s.fmeasure()).isCloseTo(0.75, within(1e-15));
    // Reversed order keeps only one token in common order: LCS 1, P = R = 1/3.
    assertThat(RougeL.score("c b a", "a b c").fmeasure()).isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void filter_thresholdOne_acceptsEvenExactRepeats() {
    RougeFilter filter = new RougeFilter(1.0);
    filter.addSeeds(List.of("write a poem"));
    RougeFilter.Decision d = filter.offer("Write a poem!");
    assertThat(d.accepted()).isTrue();
    assertThat(d.maxScore()).isEqualTo(1.0);
    assertThat(d.mostSimilarIndex()).isZero();
    assertThat(filter.poolSize()).isEqualTo(2);
  }

  @Test
  void filter_thresholdZero_rejectsAnyOverlapOnly() {
    RougeFilter filter = new RougeFilter(0.0);
    filter.addSeeds(List.of("one two three four five six seven eight nine ten"));
    assertThat(filter.offer("ten").accepted()).isFalse();
    assertThat(filter.offer("eleven").accepted()).isTrue();
    assertThat(filter.pool()).containsExactly("one two three four five six seven eight nine ten", "eleven");
  }

  @Test
  void check_afterAnOverlappingCheck_noSharedTokenStillReportsNone() {
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of("alpha beta", "gamma delta"));
    assertThat(filter.check("alpha").mostSimilarIndex()).isZero();
    assertThat(filter.check("zeta")).isEqualTo(new RougeFilter.Decision(true, 0.0, -1, java.util.Optional.empty()));
    assertThat(filter.check("delta").mostSimilar()).contains("gamma delta");
  }

  @Test
  void check_tieFoundFirstOnALaterEntry_reportsTheLowerIndex() {
    // Candidate "t u": F vs "t z z z z" = 2/7; vs "u v" = 0.5; vs "t w" = 0.5. The tie goes to index 1 ("u v"),
    // although "t w" is reached first through the candidate's first token.
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of("t z z z z", "u v", "t w"));
    RougeFilter.Decision d = filter.check("t u");
    assertThat(d.maxScore()).isEqualTo(0.5);
    assertThat(d.mostSimilarIndex()).isEqualTo(1);
    assertThat(d.mostSimilar()).contains("u v");
  }

  @Test
  void check_laterEntryWithHigherBoundButEqualScore_doesNotReplaceTheEarlier() {
    // Candidate "a b c d": vs "d c b a" LCS 1, F = 2/8; vs "b a y y" LCS 1, F = 2/8. Index 0 wins the tie.
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of("d c b a", "b a y y"));
    RougeFilter.Decision d = filter.check("a b c d");
    assertThat(d.maxScore()).isEqualTo(0.25);
    assertThat(d.mostSimilarIndex()).isZero();
  }

  @Test
  void check_repeatedTokensAreClippedByTheirCounts() {
    // "a a a b" vs pool "a b", "a a a c": LCS 2 (F = 2*2/6 = 2/3) and LCS 3 (F = 2*3/8 = 3/4).
    RougeFilter filter = new RougeFilter();
    filter.addSeeds(List.of("a b", "a a a c"));
    RougeFilter.Decision d = filter.check("a a a b");
    assertThat(d.maxScore()).isEqualTo(0.75);
    assertThat(d.mostSimilarIndex()).isEqualTo(1);
  }
}
