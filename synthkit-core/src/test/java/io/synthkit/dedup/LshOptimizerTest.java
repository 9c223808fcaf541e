package io.synthkit.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

// datasketch's _optimal_param (metrics.md §9) on inputs whose answer can be worked out by hand.
class LshOptimizerTest {

  @Test
  void integrals_withOneBand_matchClosedForms() {
    // b = 1: P(s) = s^r, so FP = ∫0^t s^r ds = t^(r+1)/(r+1) and FN = ∫t^1 (1 - s^r) ds = (1-t) - (1-t^(r+1))/(r+1).
    // s^100 is far beyond what one 15-point Gauss–Kronrod panel integrates exactly (error ~4e-10), so only the
    // adaptive subdivision reaches 1e-13.
    assertThat(LshOptimizer.falsePositive(0.9, 1, 100)).isCloseTo(Math.pow(0.9, 101) / 101, within(1e-13));
    assertThat(LshOptimizer.falseNegative(0.5, 1, 100))
        .isCloseTo(0.5 - (1 - Math.pow(0.5, 101)) / 101, within(1e-13));
    // r = 1: P(s) = 1 - (1-s)^b, FN = ∫t^1 (1-s)^b ds = (1-t)^(b+1)/(b+1).
    assertThat(LshOptimizer.falseNegative(0.2, 30, 1)).isCloseTo(Math.pow(0.8, 31) / 31, within(1e-13));
    assertThat(LshOptimizer.integrate(s -> 3 * s * s, 0, 2)).isCloseTo(8.0, within(1e-12));
    assertThat(LshOptimizer.integrate(s -> 1.0, 0.4, 0.4)).isEqualTo(0.0);
  }

  @Test
  void optimalParams_twoPermutations_byHand() {
    // numPerm 2, threshold 0.8, weights (0.5, 0.5): (1,1) FP 0.32 FN 0.02; (1,2) FP 0.1707 FN 0.0373;
    // (2,1) FP 0.4693 FN 0.0027. Errors 0.17, 0.104, 0.236: (1,2) wins.
    assertThat(MinHashLsh.optimalParams(0.8, 2)).isEqualTo(new MinHashLsh.Params(1, 2));
    // Weight only false negatives: (2,1) has the smallest FN; only false positives: (1,2) the smallest FP.
    assertThat(MinHashLsh.optimalParams(0.8, 2, 0.0, 1.0)).isEqualTo(new MinHashLsh.Params(2, 1));
    assertThat(MinHashLsh.optimalParams(0.8, 2, 1.0, 0.0)).isEqualTo(new MinHashLsh.Params(1, 2));
  }

  @Test
  void optimalParams_thresholdsZeroAndOne_useEveryPermutationInOneShape() {
    // t = 0: no FP area; FN = ∫0^1 (1-s^r)^b is smallest for r = 1, b = numPerm (1/129).
    assertThat(MinHashLsh.optimalParams(0.0, 128)).isEqualTo(new MinHashLsh.Params(128, 1));
    // t = 1: no FN area; FP = ∫0^1 1-(1-s^r)^b is smallest for b = 1, r = numPerm (1/129).
    assertThat(MinHashLsh.optimalParams(1.0, 128)).isEqualTo(new MinHashLsh.Params(1, 128));
  }

  @Test
  void optimalParams_outOfRange_throws() {
    assertThatThrownBy(() -> MinHashLsh.optimalParams(-0.01, 128)).hasMessage("threshold must be in [0,1]: -0.01");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(Double.NaN, 128)).hasMessage("threshold must be in [0,1]: NaN");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(0.5, 128, -0.1, 1.1))
        .hasMessage("weights must be in [0,1] and sum to 1: (-0.1, 1.1)");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(0.5, 128, 1.1, -0.1))
        .hasMessage("weights must be in [0,1] and sum to 1: (1.1, -0.1)");
    assertThatThrownBy(() -> MinHashLsh.optimalParams(0.5, 128, 0.5, 0.4))
        .hasMessage("weights must be in [0,1] and sum to 1: (0.5, 0.4)");
  }
}
