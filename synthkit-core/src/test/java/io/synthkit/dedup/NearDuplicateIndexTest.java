package io.synthkit.dedup;

import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearDuplicateIndexTest {

  private static List<OptionalInt> run(NearDuplicateIndex index, List<String> texts) {
    List<OptionalInt> out = new ArrayList<>();
    texts.forEach(t -> out.add(index.offer(t)));
    return out;
  }

  @Test
  void offer_corpusAtHalf_flagsTheThreePairs() {
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.5);
    assertThat(run(index, TEXTS)).containsExactly(OptionalInt.empty(), OptionalInt.of(0), OptionalInt.empty(),
        OptionalInt.of(2), OptionalInt.empty(), OptionalInt.of(4), OptionalInt.empty(), OptionalInt.empty());
    assertThat(index.kept()).isEqualTo(5);
    assertThat(index.offered()).isEqualTo(8);
  }

  @Test
  void offer_corpusAtPointEight_flagsOnlyTheClosestPair() {
    // Estimates: (0,1) 0.8515625, (4,5) 0.7421875, (2,3) 0.53125.
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.8);
    List<OptionalInt> r = run(index, TEXTS);
    assertThat(r.get(1)).hasValue(0);
    assertThat(r.stream().filter(OptionalInt::isPresent).count()).isEqualTo(1);
  }

  @Test
  void offer_textWithoutShingles_isKeptButNotIndexed() {
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.wordNGrams(3), 0.5);
    assertThat(run(index, List.of("two words", "two words", "a b c", "a b c")))
        .containsExactly(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(2));
    assertThat(index.kept()).isEqualTo(1);
  }

  @Test
  void offer_plantedNearDuplicates_areFoundAndRandomTextsAreNot() {
    Random random = new Random(4);
    List<String> texts = new ArrayList<>();
    List<Integer> plantedFrom = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      if (i > 10 && random.nextInt(10) == 0) {
        int source = random.nextInt(i);
        while (plantedFrom.get(source) >= 0) {
          source = plantedFrom.get(source);
        }
        texts.add(texts.get(source) + " extra");
        plantedFrom.add(source);
      } else {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 15 + random.nextInt(10); w++) {
          sb.append("w").append(random.nextInt(5000)).append(' ');
        }
        texts.add(sb.toString().strip());
        plantedFrom.add(-1);
      }
    }
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.8);
    List<OptionalInt> r = run(index, texts);
    for (int i = 0; i < texts.size(); i++) {
      if (plantedFrom.get(i) < 0) {
        assertThat(r.get(i)).as("original %d", i).isEmpty();
      } else {
        assertThat(r.get(i)).as("planted %d", i).hasValue(plantedFrom.get(i));
      }
    }
  }

  @Test
  void constructor_badThreshold_throws() {
    assertThatThrownBy(() -> new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be in (0,1]: 0.0");
  }
  /** A 128-value signature equal to base where keep is true, else unique to the tag. */
  private static int[] variant(boolean[] keep, int tag) {
    int[] sig = new int[128];
    for (int i = 0; i < 128; i++) {
      sig[i] = keep[i] ? i : tag * 1000 + i;
    }
    return sig;
  }

  private static boolean[] positions(int from, int to, int from2, int to2) {
    boolean[] keep = new boolean[128];
    for (int i = 0; i < 128; i++) {
      keep[i] = (i >= from && i < to) || (i >= from2 && i < to2);
    }
    return keep;
  }

  @Test
  void offer_estimateExactlyAtThreshold_isADuplicate() {
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.5);
    assertThat(index.offer(variant(positions(0, 128, 0, 0), 1))).isEmpty();
    // Equal in the first 64 of 128 positions: estimate exactly 0.5.
    assertThat(index.offer(variant(positions(0, 64, 0, 0), 2))).hasValue(0);
    // 63 of 128 is below the threshold; it shares LSH bands with text 0 but fails verification.
    assertThat(index.offer(variant(positions(0, 63, 0, 0), 3))).isEmpty();
  }

  @Test
  void offer_equallySimilarEarlierTexts_returnsTheEarliest() {
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.75);
    // A equals the query on positions 0..95, B on 0..63 and 96..127: both estimates are 96/128 = 0.75, while A and B
    // agree on 64 positions only (0.5), so both are kept.
    assertThat(index.offer(variant(positions(0, 96, 0, 0), 1))).isEmpty();
    assertThat(index.offer(variant(positions(0, 64, 96, 128), 2))).isEmpty();
    assertThat(index.offer(variant(positions(0, 128, 0, 0), 3))).hasValue(0);
    assertThat(index.kept()).isEqualTo(2);
  }

  @Test
  void offer_severalMatchesAboveThreshold_returnsTheMostSimilar() {
    // A = base on 0..95, B = base on 0..63 and 96..127; they agree on 64 positions (0.5), so both are kept at 0.6.
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.6);
    int[] a = variant(positions(0, 96, 0, 0), 1);
    int[] b = variant(positions(0, 64, 96, 128), 2);
    assertThat(index.offer(a)).isEmpty();
    assertThat(index.offer(b)).isEmpty();
    // Closer to B: A's values on 64..79, B's on 80..127. Agrees with A on 80 positions (0.625), with B on 112 (0.875).
    int[] nearB = b.clone();
    System.arraycopy(a, 64, nearB, 64, 16);
    assertThat(index.offer(nearB)).hasValue(1);
    // Closer to A: A's values on 64..111, B's on 112..127. A 112 (0.875), B 80 (0.625).
    int[] nearA = a.clone();
    System.arraycopy(b, 112, nearA, 112, 16);
    assertThat(index.offer(nearA)).hasValue(0);
  }

  @Test
  void offer_thresholdOne_flagsOnlyIdenticalSignatures() {
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 1.0);
    assertThat(index.params()).isEqualTo(new MinHashLsh.Params(1, 128));
    assertThat(run(index, List.of("a b c d", "a b c d e", "d c b a", "a b c d"))).containsExactly(
        OptionalInt.empty(), OptionalInt.empty(), OptionalInt.of(0), OptionalInt.of(0));
  }

  @Test
  void params_areDatasketchsShapeForTheThreshold() {
    assertThat(new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.8).params())
        .isEqualTo(new MinHashLsh.Params(9, 13));
    assertThat(new NearDuplicateIndex(MinHash.of(256, 1), Shingler.words(), 0.9).params())
        .isEqualTo(new MinHashLsh.Params(9, 28));
    assertThatThrownBy(() -> new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 1.01))
        .hasMessage("threshold must be in (0,1]: 1.01");
  }

  @Test
  void offer_beyondSixteenChunksOfKeptTexts_stillVerifiesTheFirstAndLast() {
    // 16 chunks of 4096 kept signatures fill the initial chunk table; 70,000 distinct ones need it to grow.
    NearDuplicateIndex index = new NearDuplicateIndex(MinHash.of(2, 1), Shingler.words(), 1.0);
    for (int i = 0; i < 70_000; i++) {
      assertThat(index.offer(new int[] {i, i})).isEmpty();
    }
    assertThat(index.offer(new int[] {0, 0})).hasValue(0);
    assertThat(index.offer(new int[] {65_536, 65_536})).hasValue(65_536);
    assertThat(index.offer(new int[] {69_999, 69_999})).hasValue(69_999);
    assertThat(index.offer(new int[] {69_999, 0})).isEmpty();
    assertThat(index.kept()).isEqualTo(70_001);
  }
}
