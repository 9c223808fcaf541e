package io.synthkit.dedup;

import java.util.function.DoubleUnaryOperator;

/**
 * datasketch's {@code _optimal_param}: over every (b, r) with b·r ≤ numPerm, minimise
 * fpWeight·∫₀ᵗ P(candidate | s) ds + fnWeight·∫ₜ¹ (1 − P(candidate | s)) ds with P = 1 − (1 − sʳ)ᵇ, keeping the first
 * (b, r) in (b ascending, r ascending) order that reaches the minimum. datasketch integrates with scipy's QUADPACK
 * {@code quad}; we use adaptive Gauss–Kronrod (7/15) to 1e-13, close enough that the argmin is the same (checked
 * against datasketch's table for 128 and 256 permutations).
 */
final class LshOptimizer {

  private static final double[] XGK = {
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
    0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.0};
  private static final double[] WGK = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
    0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
  // 7-point Gauss weights for the Kronrod nodes XGK[1], XGK[3], XGK[5], XGK[7].
  private static final double[] WG = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
    0.417959183673469387755102040816327};
  private static final double TOLERANCE = 1e-13;

  private LshOptimizer() {}

  static MinHashLsh.Params optimal(double threshold, int numPerm, double fpWeight, double fnWeight) {
    double minError = Double.POSITIVE_INFINITY;
    MinHashLsh.Params best = new MinHashLsh.Params(1, 1); // replaced: (1, 1) itself has a finite error
    for (int b = 1; b <= numPerm; b++) {
      for (int r = 1; r <= numPerm / b; r++) {
        double error = falsePositive(threshold, b, r) * fpWeight + falseNegative(threshold, b, r) * fnWeight;
        if (error < minError) {
          minError = error;
          best = new MinHashLsh.Params(b, r);
        }
      }
    }
    return best;
  }

  static double falsePositive(double threshold, int b, int r) {
    return integrate(s -> 1 - Math.pow(1 - Math.pow(s, r), b), 0.0, threshold);
  }

  static double falseNegative(double threshold, int b, int r) {
    return integrate(s -> 1 - (1 - Math.pow(1 - Math.pow(s, r), b)), threshold, 1.0);
  }

  static double integrate(DoubleUnaryOperator f, double lo, double hi) {
    return adaptive(f, lo, hi, 0);
  }

  private static double adaptive(DoubleUnaryOperator f, double lo, double hi, int depth) {
    double center = (lo + hi) / 2;
    double half = (hi - lo) / 2;
    double kronrod = WGK[7] * f.applyAsDouble(center);
    double gauss = WG[3] * f.applyAsDouble(center);
    for (int i = 0; i < 7; i++) {
      double dx = half * XGK[i];
      double pair = f.applyAsDouble(center - dx) + f.applyAsDouble(center + dx);
      kronrod += WGK[i] * pair;
      if (i % 2 == 1) {
        gauss += WG[i / 2] * pair;
      }
    }
    kronrod *= half;
    gauss *= half;
    if (Math.abs(kronrod - gauss) <= TOLERANCE || depth >= 40) {
      return kronrod;
    }
    return adaptive(f, lo, center, depth + 1) + adaptive(f, center, hi, depth + 1);
  }
}
