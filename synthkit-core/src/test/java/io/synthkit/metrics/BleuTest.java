package io.synthkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BleuTest {

  @Test
  void fsum_isCorrectlyRounded() {
    assertThat(Bleu.fsum(new double[] {1e100, 1.0, -1e100, 1e-100})).isEqualTo(1.0);
    assertThat(Bleu.fsum(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1})).isEqualTo(1.0);
    Random random = new Random(2);
    for (int round = 0; round < 2000; round++) {
      double[] v = new double[1 + random.nextInt(6)];
      BigDecimal exact = BigDecimal.ZERO;
      for (int i = 0; i < v.length; i++) {
        v[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15);
        exact = exact.add(new BigDecimal(v[i]));
      }
      assertThat(Bleu.fsum(v)).isEqualTo(exact.doubleValue());
    }
  }

  @Test
  void brevityPenalty_followsNltk() {
    assertThat(Bleu.brevityPenalty(12, 12)).isEqualTo(1.0);
    assertThat(Bleu.brevityPenalty(5, 0)).isEqualTo(0.0);
    assertThat(Bleu.brevityPenalty(13, 12)).isEqualTo(Math.exp(1 - 13.0 / 12));
  }

  @Test
  void closestExcludingSelf_tiesGoToShorter() {
    assertThat(BleuCorpus.closestExcludingSelf(new int[] {3, 5, 7}, 5)).isEqualTo(3);
    assertThat(BleuCorpus.closestExcludingSelf(new int[] {3, 5, 5, 7}, 5)).isEqualTo(5);
    assertThat(BleuCorpus.closestExcludingSelf(new int[] {0, 5, 6}, 5)).isEqualTo(6);
    assertThat(BleuCorpus.closestExcludingSelf(new int[] {0, 5}, 5)).isEqualTo(0);
  }
  @Test
  void fsum_matchesCPythonsTestVectors() {
    // CPython's test_math.testFsum cases (checked against math.fsum): cancellation, half-even ties past 2^53, and
    // enough partials to grow the partials list.
    assertThat(Bleu.fsum(new double[] {1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50})).isEqualTo(1e-100);
    double two53 = Math.pow(2, 53);
    assertThat(Bleu.fsum(new double[] {two53, -0.5, -Math.pow(2, -54)})).isEqualTo(two53 - 1.0);
    assertThat(Bleu.fsum(new double[] {two53, 1.0, Math.pow(2, -100)})).isEqualTo(two53 + 2.0);
    assertThat(Bleu.fsum(new double[] {two53 + 10.0, 1.0, Math.pow(2, -100)})).isEqualTo(two53 + 12.0);
    assertThat(Bleu.fsum(new double[] {two53 - 4.0, 0.5, Math.pow(2, -54)})).isEqualTo(two53 - 3.0);
    assertThat(Bleu.fsum(new double[] {1e16, 1.0, 1e-16})).isEqualTo(10000000000000002.0);
    double almostOne = 1.0 - Math.pow(2, -53);
    assertThat(Bleu.fsum(new double[] {1e16 - 2.0, almostOne, -(1e16 - 2.0), -almostOne})).isEqualTo(0.0);
    double[] harmonic = new double[1000];
    double[] alternating = new double[1000];
    for (int n = 1; n <= 1000; n++) {
      harmonic[n - 1] = 1.0 / n;
      alternating[n - 1] = (n % 2 == 0 ? 1.0 : -1.0) / n;
    }
    assertThat(Bleu.fsum(harmonic)).isEqualTo(Double.parseDouble("0x1.df11f45f4e61ap+2"));
    assertThat(Bleu.fsum(alternating)).isEqualTo(Double.parseDouble("-0x1.62a2af1bd3624p-1"));
    double[] wide = new double[1024];
    int k = 0;
    for (int n = -1074; n < 972; n += 2) {
      wide[k++] = Math.pow(2, n) - Math.pow(2, n + 50) + Math.pow(2, n + 52);
    }
    wide[k] = -Math.pow(2, 1022);
    assertThat(Bleu.fsum(wide)).isEqualTo(Double.parseDouble("0x1.5555555555555p+970"));
    assertThat(Bleu.fsum(new double[0])).isEqualTo(0.0);
    assertThat(Bleu.fsum(new double[] {1.0, 1e-100})).isEqualTo(1.0);
  }

  @Test
  void brevityPenalty_emptyHypothesisAndEmptyReference_isZero() {
    // nltk: c > r is false for c == r == 0, then c == 0 gives 0.
    assertThat(Bleu.brevityPenalty(0, 0)).isEqualTo(0.0);
    assertThat(Bleu.brevityPenalty(0, 3)).isEqualTo(1.0);
    assertThat(Bleu.brevityPenalty(2, 1)).isEqualTo(Math.exp(-1));
  }

  @Test
  void closerOf_nearerWins_tiesGoToTheShorter() {
    assertThat(BleuCorpus.closerOf(-1, 7, 5)).isEqualTo(7);
    assertThat(BleuCorpus.closerOf(4, 6, 5)).isEqualTo(4);
    assertThat(BleuCorpus.closerOf(6, 4, 5)).isEqualTo(4);
    assertThat(BleuCorpus.closerOf(3, 6, 5)).isEqualTo(6);
    assertThat(BleuCorpus.closerOf(6, 3, 5)).isEqualTo(6);
  }

  @Test
  void score_noUnigramMatch_isZeroForEveryOrder() {
    assertThat(Bleu.score(new long[] {0, 0, 0, 0}, 4, 4, new int[] {1, 2, 3})).containsExactly(0.0, 0.0, 0.0);
    // One unigram of two matches, no bigram: p1 = 1/2, p2 = 0.1/1 (method1), BP = 1; BLEU-2 = sqrt(0.05).
    double[] bleu = Bleu.score(new long[] {0, 1, 0}, 2, 2, new int[] {1, 2});
    assertThat(bleu[0]).isCloseTo(0.5, within(1e-15));
    assertThat(bleu[1]).isCloseTo(Math.sqrt(0.05), within(1e-15));
    // The same counts against a closest reference of length 4: BP = exp(1 - 4/2).
    assertThat(Bleu.score(new long[] {0, 1, 0}, 2, 4, new int[] {1})[0]).isCloseTo(0.5 * Math.exp(-1), within(1e-15));
  }
}
