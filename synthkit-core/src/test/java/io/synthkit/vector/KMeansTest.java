package io.synthkit.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** Five tight clusters far apart; truth[i] is point i's cluster. */
  private static final int CLUSTERS = 5;
  private final List<float[]> points = new ArrayList<>();
  private final List<Integer> truth = new ArrayList<>();

  KMeansTest() {
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      int c = random.nextInt(CLUSTERS);
      float[] p = TestVectors.gaussian(random, 6);
      for (int d = 0; d < p.length; d++) {
        p[d] = p[d] * 0.1f + (d == c ? 50 : 0) + (d == 5 ? 20 * c : 0);
      }
      points.add(p);
      truth.add(c);
    }
  }

  @Test
  void fit_wellSeparated_recoversClusters() {
    KMeans.Result r = KMeans.fit(points, CLUSTERS, 11);
    int[] labelOf = new int[CLUSTERS];
    java.util.Arrays.fill(labelOf, -1);
    for (int i = 0; i < points.size(); i++) {
      int t = truth.get(i);
      if (labelOf[t] < 0) {
        labelOf[t] = r.assignments()[i];
      }
      assertThat(r.assignments()[i]).as("point %d", i).isEqualTo(labelOf[t]);
    }
    assertThat(new HashSet<>(List.of(labelOf[0], labelOf[1], labelOf[2], labelOf[3], labelOf[4]))).hasSize(CLUSTERS);
    assertThat(r.inertia()).isLessThan(points.size() * 6 * 0.1 * 0.1 * 2);
  }

  @Test
  void fit_sameSeed_isDeterministic() {
    KMeans.Result a = KMeans.fit(points, 3, 5);
    KMeans.Result b = KMeans.fit(points, 3, 5);
    assertThat(a.assignments()).isEqualTo(b.assignments());
    assertThat(a.centroids()).isDeepEqualTo(b.centroids());
    assertThat(a.iterations()).isEqualTo(b.iterations());
  }

  @Test
  void onePerCluster_picksOneMemberOfEachTrueCluster() {
    KMeans.Result r = KMeans.fit(points, CLUSTERS, 11);
    int[] picked = KMeans.onePerCluster(r, 99);
    assertThat(picked).hasSize(CLUSTERS);
    Set<Integer> clustersHit = new HashSet<>();
    for (int i : picked) {
      clustersHit.add(truth.get(i));
    }
    assertThat(clustersHit).hasSize(CLUSTERS);
    assertThat(KMeans.onePerCluster(r, 99)).isEqualTo(picked);
    assertThat(KMeans.onePerCluster(r, 100)).isNotEqualTo(picked);
  }

  @Test
  void fit_kEqualsPointsAndDuplicates() {
    List<float[]> same = List.of(new float[] {1, 1}, new float[] {1, 1}, new float[] {1, 1});
    KMeans.Result r = KMeans.fit(same, 2, 1);
    assertThat(r.inertia()).isEqualTo(0.0);
    assertThat(KMeans.fit(points.subList(0, 4), 4, 1).inertia()).isEqualTo(0.0);
  }

  @Test
  void fit_badArguments_throw() {
    assertThatThrownBy(() -> KMeans.fit(points, 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be in 1..200: 0");
    assertThatThrownBy(() -> KMeans.fit(points, 3, 1, 0, 1e-4))
        .hasMessage("maxIterations must be positive and tolerance non-negative: 0, 1.0E-4");
  }
}
