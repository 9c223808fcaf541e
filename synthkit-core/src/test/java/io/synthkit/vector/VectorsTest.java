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
}
