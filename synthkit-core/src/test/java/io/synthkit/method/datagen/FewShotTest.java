package io.synthkit.method.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FewShotTest {

  @Test
  void dispersion_shufflesItsPicksLikeTheReference() {
    // Item 0 is orthogonal to the eight others, which all point the same way. With two examples, a start at any of
    // the eight forces item 0 as the second pick. In selection order item 0 would come first only when it is the
    // start (1 in 9); shuffled, it comes first about half the time.
    List<float[]> vectors = new ArrayList<>();
    vectors.add(new float[] {1, 0});
    for (int i = 0; i < 8; i++) {
      vectors.add(new float[] {0, 1 + i * 0.01f});
    }
    FewShot fewShot = FewShot.over("dispersion", 2, vectors);
    int draws = 400;
    int firstIsTheOddOne = 0;
    for (int seed = 0; seed < draws; seed++) {
      List<Integer> picks = fewShot.pick(new SplittableRandom(seed));
      assertThat(picks).hasSize(2).contains(0);
      if (picks.get(0) == 0) {
        firstIsTheOddOne++;
      }
    }
    // Expected 400 * (1/9 + 8/9 * 1/2) = 222; selection order gives about 44.
    assertThat(firstIsTheOddOne).isBetween(160, 290);
  }
}
