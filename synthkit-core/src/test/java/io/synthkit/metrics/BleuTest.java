package io.synthkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
}
