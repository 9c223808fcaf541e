package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded randomness: streams per label, and sampling that is uniform, distinct and reproducible. */
class RngTest {

  private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

  @Test
  void sameSeedAndLabel_giveTheSameStream_otherSeedsOrLabelsDiffer() {
    long a = Rng.of(7, "iter/1").nextLong();
    assertThat(Rng.of(7, "iter/1").nextLong()).isEqualTo(a);
    assertThat(Rng.of(8, "iter/1").nextLong()).isNotEqualTo(a);
    assertThat(Rng.of(7, "iter/2").nextLong()).isNotEqualTo(a);
    assertThat(Rng.of(7, "").nextLong()).isNotEqualTo(Rng.of(7, "a").nextLong());
    // Labels differing only in byte order must not collide (the hash walks every byte in order).
    assertThat(Rng.of(7, "ab").nextLong()).isNotEqualTo(Rng.of(7, "ba").nextLong());
  }

  @Test
  void sample_returnsKDistinctMembers_inBothTheSparseAndTheDenseCase() {
    for (int k : List.of(1, 5, 24, 25, 26, 60, 99, 100)) {
      List<Integer> s = Rng.sample(HUNDRED, k, new SplittableRandom(k));
      assertThat(s).as("k=%d", k).hasSize(k).doesNotHaveDuplicates().allSatisfy(i -> assertThat(i).isBetween(0, 99));
    }
    assertThat(Rng.sample(HUNDRED, 500, new SplittableRandom(1))).containsExactlyInAnyOrderElementsOf(HUNDRED);
    assertThat(Rng.sample(HUNDRED, 0, new SplittableRandom(1))).isEmpty();
    assertThat(Rng.sample(List.of(), 3, new SplittableRandom(1))).isEmpty();
  }

  @Test
  void sample_ofTheWholePool_isAShuffleNotTheInputOrder() {
    List<Integer> s = Rng.sample(HUNDRED, 100, new SplittableRandom(3));
    assertThat(s).isNotEqualTo(HUNDRED);
    assertThat(Rng.sample(HUNDRED, 100, new SplittableRandom(3))).isEqualTo(s);
  }

  @Test
  void sample_reachesEveryElement_andFavoursNone() {
    // 4000 draws of 10 from 100 (sparse path) and of 50 (dense path): every element is picked, none far from the mean.
    for (int k : List.of(10, 50)) {
      int[] counts = new int[100];
      SplittableRandom rng = new SplittableRandom(11);
      for (int t = 0; t < 4000; t++) {
        Rng.sample(HUNDRED, k, rng).forEach(i -> counts[i]++);
      }
      double mean = 4000.0 * k / 100;
      assertThat(IntStream.of(counts).min().orElseThrow()).as("k=%d", k).isGreaterThan((int) (mean * 0.75));
      assertThat(IntStream.of(counts).max().orElseThrow()).as("k=%d", k).isLessThan((int) (mean * 1.25));
    }
  }

  @Test
  void shuffled_keepsTheElements_movesTheFirstAndLast_andLeavesTheInputAlone() {
    List<Integer> input = List.copyOf(HUNDRED);
    int[] firstAtZero = new int[1];
    int[] lastAtEnd = new int[1];
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 200; t++) {
      List<Integer> s = Rng.shuffled(input, rng);
      assertThat(s).containsExactlyInAnyOrderElementsOf(HUNDRED);
      firstAtZero[0] += s.get(0) == 0 ? 1 : 0;
      lastAtEnd[0] += s.get(99) == 99 ? 1 : 0;
    }
    assertThat(input).isEqualTo(HUNDRED);
    // Each stays in place with chance 1/100: a handful of times in 200, never most of them.
    assertThat(firstAtZero[0]).isLessThan(20);
    assertThat(lastAtEnd[0]).isLessThan(20);
    assertThat(Rng.shuffled(List.of(1, 2), new SplittableRandom(1))).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void pick_reachesEveryElement_andRefusesAnEmptyList() {
    HashSet<String> seen = new HashSet<>();
    SplittableRandom rng = new SplittableRandom(2);
    for (int t = 0; t < 200; t++) {
      seen.add(Rng.pick(List.of("a", "b", "c"), rng));
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
    assertThatThrownBy(() -> Rng.pick(List.of(), rng)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot pick from an empty list");
  }
}
