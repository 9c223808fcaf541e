package io.synthkit.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void basicOperations() {
    float[] a = {1, 2, 0, 1};
    float[] b = {1, 2, 1, 1};
    assertThat(Vectors.dot(a, b)).isEqualTo(6.0);
    assertThat(Vectors.norm(a)).isCloseTo(Math.sqrt(6), within(1e-15));
    assertThat(Vectors.cosine(a, b)).isCloseTo(6 / Math.sqrt(42), within(1e-15));
    assertThat(Vectors.euclidean(a, b)).isEqualTo(1.0);
    assertThat(Vectors.norm(Vectors.normalize(b))).isCloseTo(1.0, within(1e-7));
    assertThat(Vectors.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
    assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {1, 1})).isEqualTo(0.0);
  }

  @Test
  void mismatchedLengths_throw() {
    assertThatThrownBy(() -> Vectors.dot(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector lengths differ: 2 vs 3");
    assertThatThrownBy(() -> PairScan.forEachPair(List.of(new float[2], new float[3]), (i, j, d) -> {}))
        .hasMessage("vector 1 has dimension 3, expected 2");
  }

  @Test
  void pairScan_visitsEveryPairOnceWithItsDot() {
    Random random = new Random(1);
    List<float[]> vs = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      vs.add(TestVectors.gaussian(random, 5));
    }
    int[][] seen = new int[150][150];
    PairScan.forEachPair(vs, (i, j, dot) -> {
      assertThat(i).isLessThan(j);
      assertThat(dot).isCloseTo(Vectors.dot(vs.get(i), vs.get(j)), within(1e-12));
      seen[i][j]++;
    });
    for (int i = 0; i < 150; i++) {
      for (int j = i + 1; j < 150; j++) {
        assertThat(seen[i][j]).as("pair %d,%d", i, j).isEqualTo(1);
      }
    }
  }

  @Test
  void topK_matchesFullSortWithIndexTieBreak() {
    Random random = new Random(2);
    List<float[]> items = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      items.add(TestVectors.gaussian(random, 8));
    }
    items.set(200, items.get(7).clone()); // an exact tie: index 7 must come before 200
    float[] query = items.get(7);
    List<TopK.Hit> hits = TopK.byCosine(query, items, 10);
    List<TopK.Hit> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(new TopK.Hit(i, Vectors.cosine(query, items.get(i))));
    }
    all.sort((x, y) -> x.score() != y.score() ? Double.compare(y.score(), x.score()) : Integer.compare(x.index(),
        y.index()));
    assertThat(hits).isEqualTo(all.subList(0, 10));
    assertThat(hits.get(0).index()).isEqualTo(7);
    assertThat(hits.get(1).index()).isEqualTo(200);
    float[] flat = new float[300 * 8];
    for (int i = 0; i < 300; i++) {
      System.arraycopy(items.get(i), 0, flat, i * 8, 8);
    }
    assertThat(TopK.byCosine(query, flat, 8, 10)).isEqualTo(hits);
    assertThat(TopK.byCosine(query, items, 0)).isEmpty();
    assertThat(TopK.byCosine(query, items.subList(0, 3), 5)).hasSize(3);
    assertThatThrownBy(() -> TopK.byCosine(query, items, -1)).hasMessage("k must be non-negative: -1");
  }
  @Test
  void euclideanAndNormalize_byHand() {
    assertThat(Vectors.euclidean(new float[] {0, 0}, new float[] {3, -4})).isEqualTo(5.0);
    assertThat(Vectors.dot(new float[] {1, -2, 3}, new float[] {-4, 5, 6})).isEqualTo(4.0);
    assertThat(Vectors.norm(new float[] {-3, 4})).isEqualTo(5.0);
    float[] v = {3, 4};
    assertThat(Vectors.normalize(v)).containsExactly(0.6f, 0.8f);
    assertThat(v).containsExactly(3f, 4f);
    Vectors.normalizeInPlace(v);
    assertThat(v).containsExactly(0.6f, 0.8f);
    assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {-2, 0})).isEqualTo(-1.0);
    assertThatThrownBy(() -> Vectors.euclidean(new float[1], new float[2]))
        .hasMessage("vector lengths differ: 1 vs 2");
    assertThatThrownBy(() -> Vectors.cosine(new float[] {1}, new float[] {1, 1}))
        .hasMessage("vector lengths differ: 1 vs 2");
  }

  @Test
  void pairScan_fewVectorsAndBadShapes() {
    List<int[]> pairs = new ArrayList<>();
    PairScan.forEachPair(List.of(), (i, j, d) -> pairs.add(new int[] {i, j}));
    PairScan.forEachPair(List.<float[]>of(new float[] {1, 2}), (i, j, d) -> pairs.add(new int[] {i, j}));
    assertThat(pairs).isEmpty();
    double[] dot = new double[1];
    PairScan.forEachPair(new float[] {1, 2, 3, 4}, 2, (i, j, d) -> dot[0] = d);
    assertThat(dot[0]).isEqualTo(11.0);
    // Two vectors are one pair: (1,2)·(-3,5) = 7.
    PairScan.forEachPair(List.of(new float[] {1, 2}, new float[] {-3, 5}),
        (i, j, d) -> pairs.add(new int[] {i, j, (int) d}));
    assertThat(pairs).containsExactly(new int[] {0, 1, 7});
    assertThatThrownBy(() -> PairScan.forEachPair(new float[7], 2, (i, j, d) -> {}))
        .hasMessage("dim must be positive and divide 7: 2");
    assertThatThrownBy(() -> PairScan.forEachPair(new float[4], 0, (i, j, d) -> {}))
        .hasMessage("dim must be positive and divide 4: 0");
  }

  @Test
  void pairScan_blockEdges_visitEveryPairOnce() {
    // 64 is one block; 65 and 129 leave a one-vector tail block.
    for (int n : new int[] {63, 64, 65, 129}) {
      float[] flat = new float[n];
      for (int i = 0; i < n; i++) {
        flat[i] = i + 1;
      }
      int[][] seen = new int[n][n];
      PairScan.forEachPair(flat, 1, (i, j, d) -> {
        assertThat(d).isEqualTo((double) (i + 1) * (j + 1));
        seen[i][j]++;
      });
      int visits = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertThat(seen[i][j]).as("n=%d pair %d,%d", n, i, j).isEqualTo(j > i ? 1 : 0);
          visits += seen[i][j];
        }
      }
      assertThat(visits).isEqualTo(n * (n - 1) / 2);
    }
  }

  @Test
  void topK_zeroQueryTiesEverything_lowestIndicesWin() {
    List<float[]> items = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}, new float[] {2, 0});
    assertThat(TopK.byCosine(new float[] {0, 0}, items, 2))
        .containsExactly(new TopK.Hit(0, 0.0), new TopK.Hit(1, 0.0));
    // Query (1,0): items 0 and 3 both have cosine 1, then item 2 (1/sqrt 2), then item 1 (0).
    List<TopK.Hit> hits = TopK.byCosine(new float[] {1, 0}, items, 3);
    assertThat(hits).extracting(TopK.Hit::index).containsExactly(0, 3, 2);
    assertThat(hits.get(2).score()).isCloseTo(Math.sqrt(0.5), within(1e-12));
    // A zero item has cosine 0 rather than NaN.
    assertThat(TopK.byCosine(new float[] {1, 0}, List.of(new float[] {0, 0}), 1))
        .containsExactly(new TopK.Hit(0, 0.0));
  }

  @Test
  void topK_flatMatrix_checksItsShape() {
    float[] flat = {1, 0, 0, 1, 1, 1};
    assertThat(TopK.byCosine(new float[] {0, 1}, flat, 2, 5)).extracting(TopK.Hit::index).containsExactly(1, 2, 0);
    assertThat(TopK.byCosine(new float[] {0, 1}, flat, 2, 0)).isEmpty();
    assertThatThrownBy(() -> TopK.byCosine(new float[] {0, 1}, flat, 3, 1))
        .hasMessage("dim 3 must equal the query length 2 and divide the matrix length 6");
    assertThatThrownBy(() -> TopK.byCosine(new float[] {0, 1}, new float[5], 2, 1))
        .hasMessage("dim 2 must equal the query length 2 and divide the matrix length 5");
    assertThatThrownBy(() -> TopK.byCosine(new float[] {0, 1}, flat, 2, -1)).hasMessage("k must be non-negative: -1");
  }
}
