package io.synthkit.dedup;

import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Vectors: metrics.md §9 (datasketch _optimal_param table and LSH buckets).
class MinHashLshTest {

  @ParameterizedTest
  @CsvSource({
    "0.5, 25, 5, 42, 6",
    "0.7, 14, 9, 25, 10",
    "0.8, 9, 13, 17, 15",
    "0.85, 8, 16, 13, 19",
    "0.9, 5, 25, 9, 28",
  })
  void optimalParams_matchDatasketchTable(double threshold, int b128, int r128, int b256, int r256) {
    assertThat(MinHashLsh.optimalParams(threshold, 128)).isEqualTo(new MinHashLsh.Params(b128, r128));
    assertThat(MinHashLsh.optimalParams(threshold, 256)).isEqualTo(new MinHashLsh.Params(b256, r256));
  }

  @Test
  void query_thresholdHalf_returnsReferenceBuckets() {
    MinHash mh = MinHash.datasketch();
    MinHashLsh lsh = new MinHashLsh(0.5, 128);
    assertThat(lsh.params()).isEqualTo(new MinHashLsh.Params(25, 5));
    List<int[]> sigs = TEXTS.stream().map(t -> mh.signature(Shingler.words().shingles(t))).toList();
    for (int i = 0; i < sigs.size(); i++) {
      lsh.insert(i, sigs.get(i));
    }
    int[][] expected = {{0, 1}, {0, 1}, {2, 3}, {2, 3}, {4, 5}, {4, 5}, {6}, {7}};
    for (int i = 0; i < sigs.size(); i++) {
      assertThat(lsh.query(sigs.get(i))).as("query %d", i).containsExactly(expected[i]);
    }
    assertThat(lsh.size()).isEqualTo(8);
  }

  @Test
  void query_emptyIndex_findsNothing() {
    MinHashLsh lsh = new MinHashLsh(0.8, 128);
    assertThat(lsh.query(MinHash.datasketch().signature(List.of("a")))).isEmpty();
  }

  @Test
  void bandTable_survivesGrowth() {
    BandTable t = new BandTable(1);
    for (int i = 0; i < 10_000; i++) {
      t.put(MinHashLsh.bandKey(new int[] {i}, 0, 1), i);
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(t.get(MinHashLsh.bandKey(new int[] {i}, 0, 1))).isEqualTo(i);
    }
    assertThat(t.get(42L)).isEqualTo(-1);
  }

  @Test
  void invalidArguments_throwWithValues() {
    assertThatThrownBy(() -> MinHashLsh.optimalParams(1.5, 128)).hasMessage("threshold must be in [0,1]: 1.5");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(0.5, 1)).hasMessage("numPerm must be at least 2: 1");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(0.5, 128, 0.6, 0.6))
        .hasMessage("weights must be in [0,1] and sum to 1: (0.6, 0.6)");
    assertThatThrownBy(() -> new MinHashLsh(new MinHashLsh.Params(10, 13), 128))
        .hasMessage("bands*rows must be at most numPerm 128: Params[bands=10, rows=13]");
    assertThatThrownBy(() -> new MinHashLsh(0.5, 128).insert(0, new int[5]))
        .hasMessage("signature length must be 128: 5");
  }
  @Test
  void params_mustBePositive_andMayUseEveryPermutation() {
    assertThatThrownBy(() -> new MinHashLsh.Params(0, 1)).hasMessage("bands and rows must be positive: (0, 1)");
    assertThatThrownBy(() -> new MinHashLsh.Params(1, 0)).hasMessage("bands and rows must be positive: (1, 0)");
    assertThat(new MinHashLsh.Params(1, 1).bands()).isEqualTo(1);
    assertThat(new MinHashLsh(new MinHashLsh.Params(8, 16), 128).params()).isEqualTo(new MinHashLsh.Params(8, 16));
  }

  @Test
  void query_matchOnlyInTheFirstBandOfTheFirstInsert_isFound() {
    // Two bands of one row: keys share a candidate slot when either position is equal.
    MinHashLsh lsh = new MinHashLsh(new MinHashLsh.Params(2, 1), 2);
    lsh.insert(7, new int[] {5, 6});
    lsh.insert(9, new int[] {8, 6});
    assertThat(lsh.query(new int[] {5, 99})).containsExactly(7);
    assertThat(lsh.query(new int[] {8, 99})).containsExactly(9);
    assertThat(lsh.query(new int[] {1, 6})).containsExactly(7, 9);
    assertThat(lsh.query(new int[] {1, 2})).isEmpty();
  }

  @Test
  void query_onlyPositionsInsideTheBandsCount() {
    // b*r = 2 of 3 positions: the last position is never hashed.
    MinHashLsh lsh = new MinHashLsh(new MinHashLsh.Params(1, 2), 3);
    lsh.insert(1, new int[] {1, 2, 3});
    assertThat(lsh.query(new int[] {1, 2, 4})).containsExactly(1);
    assertThat(lsh.query(new int[] {1, 4, 3})).isEmpty();
  }
}
