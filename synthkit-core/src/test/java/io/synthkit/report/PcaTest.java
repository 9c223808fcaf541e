package io.synthkit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcaTest {

  @Test
  void project_elongatedCloud_findsTheAxesInVarianceOrder() {
    // A grid spread 10x more along (1,1,0)/√2 than along (1,-1,0)/√2, none along z: the two directions are
    // uncorrelated by construction, so they are exactly the principal axes.
    List<float[]> pts = new ArrayList<>();
    for (int a = -10; a <= 10; a += 5) {
      for (int b = -1; b <= 1; b++) {
        pts.add(new float[] {(float) ((a + b) / Math.sqrt(2)), (float) ((a - b) / Math.sqrt(2)), 5f});
      }
    }
    Pca.Projection p = Pca.project(pts);
    double[] c1 = p.components()[0];
    double[] c2 = p.components()[1];
    assertThat(Math.abs(c1[0])).isCloseTo(1 / Math.sqrt(2), within(1e-6));
    assertThat(c1[0] * c1[1]).isPositive();
    assertThat(c2[0] * c2[1]).isNegative();
    assertThat(Math.abs(c1[2]) + Math.abs(c2[2])).isLessThan(1e-6);
    assertThat(c1[0] * c2[0] + c1[1] * c2[1] + c1[2] * c2[2]).isCloseTo(0, within(1e-9));
    // var(a) = 50, var(b) = 2/3.
    assertThat(p.variances()[0]).isCloseTo(50, within(1e-6));
    assertThat(p.variances()[1]).isCloseTo(2.0 / 3, within(1e-6));
    // Axis labels give the explained share, not the absolute variance: the two components hold all of it.
    assertThat(p.totalVariance()).isCloseTo(50 + 2.0 / 3, within(1e-6));
    assertThat(p.share(0)).isCloseTo(50 / (50 + 2.0 / 3), within(1e-6));
    assertThat(p.share(0) + p.share(1)).isCloseTo(1.0, within(1e-6));
    assertThat(p.x()).hasSize(15);
  }

  @Test
  void project_identicalPoints_givesZerosWithoutFailing() {
    Pca.Projection p = Pca.project(List.of(new float[] {1, 2}, new float[] {1, 2}, new float[] {1, 2}));
    assertThat(p.x()).containsOnly(0.0);
    assertThat(p.y()).containsOnly(0.0);
    assertThat(p.share(0)).isZero();
  }

  @Test
  void niceRange_roundsOutToOneTwoFiveSteps() {
    assertThat(Svg.niceRange(0, 0.93)).containsExactly(0, 1, 0.2);
    assertThat(Svg.niceRange(0, 23)).containsExactly(0, 25, 5);
    assertThat(Svg.niceRange(3, 3)).containsExactly(3, 4, 0.2);
  }
}
