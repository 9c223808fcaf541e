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
}
