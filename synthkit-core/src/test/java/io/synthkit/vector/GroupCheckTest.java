package io.synthkit.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.vector.GroupCheck.Metric;
import io.synthkit.vector.GroupCheck.Options;
import io.synthkit.vector.GroupCheck.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupCheckTest {

  /** Unit vectors, a fifth of them noisy copies of an earlier one (some chained). */
  private static List<float[]> withNearPairs(long seed, int n, int dim, double noise) {
    Random random = new Random(seed);
    List<float[]> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      vs.add(i > 0 && random.nextInt(5) == 0 ? TestVectors.near(random, vs.get(random.nextInt(i)), noise)
          : TestVectors.unit(random, dim));
    }
    return vs;
  }

  private static boolean close(float[] a, float[] b, Metric metric, double t) {
    return metric == Metric.L2 ? Vectors.euclidean(a, b) < t : Vectors.cosine(a, b) > t;
  }

  /** DataGen's remove_similar_points loop, with the partner recorded; random policy when seed is given. */
  private static int[] reference(List<float[]> vs, Metric metric, double t, SplittableRandom random) {
    int[] dup = new int[vs.size()];
    Arrays.fill(dup, -1);
    for (int i = 0; i < vs.size(); i++) {
      for (int j = i + 1; j < vs.size(); j++) {
        if (dup[i] < 0 && dup[j] < 0 && close(vs.get(i), vs.get(j), metric, t)) {
          boolean dropJ = random == null || random.nextBoolean();
          dup[dropJ ? j : i] = dropJ ? i : j;
        }
      }
    }
    return dup;
  }

  @Test
  void filter_keepFirstL2_equalsDataGenLoop() {
    List<float[]> vs = withNearPairs(1, 700, 40, 0.03);
    GroupCheck.Result r = GroupCheck.filter(vs, Options.dataGen());
    int[] expected = reference(vs, Metric.L2, 0.3, null);
    assertThat(r.duplicateOf()).isEqualTo(expected);
    assertThat(r.kept().length).isBetween(500, 650);
  }

  @Test
  void filter_keepFirstCosine_equalsDataGenLoopOnUnnormalisedInput() {
    List<float[]> vs = withNearPairs(2, 600, 24, 0.05);
    vs.replaceAll(v -> { // scale: cosine must normalise, like remove_similar_points_by_cosine
      float[] s = v.clone();
      for (int d = 0; d < s.length; d++) {
        s[d] *= 3.5f;
      }
      return s;
    });
    Options cosine = new Options(Metric.COSINE, 0.97, Policy.KEEP_FIRST, 0);
    assertThat(GroupCheck.filter(vs, cosine).duplicateOf()).isEqualTo(reference(vs, Metric.COSINE, 0.97, null));
  }

  @Test
  void filter_l2WithWidelyVaryingNorms_equalsDataGenLoop() {
    Random random = new Random(9);
    List<float[]> vs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      float[] v;
      if (i > 0 && random.nextInt(3) == 0) {
        v = vs.get(random.nextInt(i)).clone();
        for (int d = 0; d < v.length; d++) {
          v[d] += (float) (0.2 * random.nextGaussian());
        }
      } else {
        v = TestVectors.gaussian(random, 48);
        float scale = (float) Math.exp(2 * random.nextGaussian());
        for (int d = 0; d < v.length; d++) {
          v[d] *= scale;
        }
      }
      vs.add(v);
    }
    Options l2 = new Options(Metric.L2, 1.5, Policy.KEEP_FIRST, 0);
    int[] expected = reference(vs, Metric.L2, 1.5, null);
    assertThat(GroupCheck.filter(vs, l2).duplicateOf()).isEqualTo(expected);
    assertThat(Arrays.stream(expected).filter(d -> d >= 0).count()).isBetween(50L, 400L);
  }

  @Test
  void filter_seededRandom_equalsReferenceLoopAndLeavesNoClosePair() {
    List<float[]> vs = withNearPairs(3, 500, 32, 0.03);
    for (Metric metric : Metric.values()) {
      double t = metric == Metric.L2 ? 0.3 : 0.955;
      GroupCheck.Result r = GroupCheck.filter(vs, new Options(metric, t, Policy.SEEDED_RANDOM, 7));
      assertThat(r.duplicateOf()).isEqualTo(reference(vs, metric, t, new SplittableRandom(7)));
      for (int i : r.kept()) {
        for (int j : r.kept()) {
          assertThat(i == j || !close(vs.get(i), vs.get(j), metric, t)).as("%s kept %d,%d", metric, i, j).isTrue();
        }
      }
      GroupCheck.Result other = GroupCheck.filter(vs, new Options(metric, t, Policy.SEEDED_RANDOM, 8));
      assertThat(other.duplicateOf()).isNotEqualTo(r.duplicateOf());
    }
  }

  @Test
  void offer_streaming_equalsBatchAcrossManyTiles() {
    // 3000 kept-ish vectors span 12 tiles, so the parallel split is exercised.
    List<float[]> vs = withNearPairs(4, 3000, 20, 0.02);
    Options cosine = new Options(Metric.COSINE, 0.99, Policy.KEEP_FIRST, 0);
    GroupCheck streaming = new GroupCheck(20, cosine);
    List<OptionalInt> one = new ArrayList<>();
    vs.forEach(v -> one.add(streaming.offer(v)));
    int[] batch = GroupCheck.filter(vs, cosine).duplicateOf();
    int[] expected = reference(vs, Metric.COSINE, 0.99, null);
    assertThat(batch).isEqualTo(expected);
    for (int i = 0; i < vs.size(); i++) {
      assertThat(one.get(i)).as("item %d", i).isEqualTo(expected[i] < 0 ? OptionalInt.empty()
          : OptionalInt.of(expected[i]));
    }
    assertThat(streaming.offered()).isEqualTo(3000);
    assertThat(streaming.kept()).isEqualTo((int) Arrays.stream(expected).filter(d -> d < 0).count());
  }

  @Test
  void nearPairs_overRanges_areEveryClosePair_andTheKeepFirstRuleOverThemIsTheStreamingAnswer() {
    List<float[]> vs = withNearPairs(5, 1500, 20, 0.02);
    Options cosine = new Options(Metric.COSINE, 0.99, Policy.KEEP_FIRST, 0);
    List<Long> pairs = new ArrayList<>();
    int[] cuts = {0, 10, 700, 701, 1500};
    for (int c = 1; c < cuts.length; c++) {
      for (long p : GroupCheck.nearPairs(vs, cuts[c - 1], cuts[c], cosine)) {
        pairs.add(p);
      }
    }
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < vs.size(); i++) {
      for (int j = i + 1; j < vs.size(); j++) {
        if (close(vs.get(i), vs.get(j), Metric.COSINE, 0.99)) {
          expected.add((long) i << 32 | j);
        }
      }
    }
    assertThat(pairs).hasSizeGreaterThan(100).isEqualTo(expected);

    int[] dup = new int[vs.size()];
    Arrays.fill(dup, -1);
    for (long p : pairs) { // sorted by i, so the first kept i that reaches j is the lowest
      int i = (int) (p >>> 32);
      int j = (int) p;
      if (dup[i] < 0 && dup[j] < 0) {
        dup[j] = i;
      }
    }
    assertThat(dup).isEqualTo(GroupCheck.filter(vs, cosine).duplicateOf());
    assertThatThrownBy(() -> GroupCheck.nearPairs(vs, 5, 1501, cosine)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultThresholds_giveTheSameDecisionsOnUnitVectors() {
    List<float[]> vs = withNearPairs(5, 800, 16, 0.15);
    int boundary = 0;
    for (int i = 0; i < vs.size(); i++) {
      for (int j = i + 1; j < vs.size(); j++) {
        double cos = Vectors.cosine(vs.get(i), vs.get(j));
        if (Math.abs(cos - GroupCheck.EQUIVALENT_COSINE_THRESHOLD) < 1e-6) {
          boundary++; // float rounding may split these; none expected
          continue;
        }
        assertThat(Vectors.euclidean(vs.get(i), vs.get(j)) < GroupCheck.DATAGEN_L2_THRESHOLD)
            .as("pair %d,%d", i, j).isEqualTo(cos > GroupCheck.EQUIVALENT_COSINE_THRESHOLD);
      }
    }
    assertThat(boundary).isZero();
    int[] l2 = GroupCheck.filter(vs, Options.dataGen()).duplicateOf();
    int[] cos = GroupCheck.filter(vs, new Options(Metric.COSINE, 0.955, Policy.KEEP_FIRST, 0)).duplicateOf();
    assertThat(l2).isEqualTo(cos);
    assertThat(Arrays.stream(l2).filter(d -> d >= 0).count()).isPositive();
  }

  @Test
  void invalidArguments_throwWithValues() {
    assertThatThrownBy(() -> new Options(Metric.COSINE, 1.5, Policy.KEEP_FIRST, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold out of range for COSINE: 1.5");
    assertThatThrownBy(() -> new GroupCheck(8, new Options(Metric.L2, 0.3, Policy.SEEDED_RANDOM, 1)))
        .hasMessage("streaming group check supports KEEP_FIRST only: SEEDED_RANDOM");
    assertThatThrownBy(() -> new GroupCheck(8, Options.dataGen()).offer(new float[3]))
        .hasMessage("vector dimension must be 8: 3");
  }
}
