package io.synthkit.report;

import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Projects vectors onto their first two principal components, for the report's embedding map. Power iteration on the
 * covariance (applied as Xᵀ(Xv), never formed), with the second component kept orthogonal to the first (deflation by
 * Gram-Schmidt). O(iterations·n·d); exact enough for a picture, and it keeps commons-math out of the core.
 *
 * <p>Deterministic: the start vectors come from a fixed seed. Stateless and thread-safe.
 */
public final class Pca {

  private static final int MAX_ITERATIONS = 200;
  private static final double TOLERANCE = 1e-9;

  private Pca() {}

  /**
   * The projection.
   *
   * @param x first-component coordinate of each input vector
   * @param y second-component coordinate
   * @param components the two unit components, each of the input dimension
   * @param variances the variance along each component
   * @param totalVariance the total variance of the vectors (the sum over every dimension), for explained shares
   */
  public record Projection(double[] x, double[] y, double[][] components, double[] variances, double totalVariance) {

    /**
     * The share of the total variance a component explains (what a PCA axis label should say; the absolute variance
     * means nothing to a reader).
     *
     * @param component 0 or 1
     * @return variance / total variance in [0, 1], or 0 when all points coincide
     */
    public double share(int component) {
      return totalVariance > 0 ? Math.min(1.0, variances[component] / totalVariance) : 0.0;
    }
  }

  /**
   * Projects vectors to 2-D.
   *
   * @param vectors at least one vector, all of one dimension
   * @return the coordinates, in input order
   * @throws IllegalArgumentException when the list is empty or dimensions differ
   */
  public static Projection project(List<float[]> vectors) {
    if (vectors.isEmpty()) {
      throw new IllegalArgumentException("PCA needs at least one vector");
    }
    int n = vectors.size();
    int d = vectors.get(0).length;
    double[][] centered = new double[n][d];
    double[] mean = new double[d];
    for (float[] v : vectors) {
      if (v.length != d) {
        throw new IllegalArgumentException("vectors differ in dimension: " + d + " vs " + v.length);
      }
      for (int k = 0; k < d; k++) {
        mean[k] += v[k] / (double) n;
      }
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        centered[i][k] = vectors.get(i)[k] - mean[k];
        total += centered[i][k] * centered[i][k] / n;
      }
    }
    SplittableRandom random = new SplittableRandom(17);
    double[] first = component(centered, null, random);
    double[] second = component(centered, first, random);
    double[] x = new double[n];
    double[] y = new double[n];
    double vx = 0;
    double vy = 0;
    for (int i = 0; i < n; i++) {
      x[i] = dot(centered[i], first);
      y[i] = dot(centered[i], second);
      vx += x[i] * x[i] / n;
      vy += y[i] * y[i] / n;
    }
    return new Projection(x, y, new double[][] {first, second}, new double[] {vx, vy}, total);
  }

  /** The leading eigenvector of XᵀX, orthogonal to {@code against} when given. */
  private static double[] component(double[][] x, double @Nullable [] against, SplittableRandom random) {
    int d = x[0].length;
    double[] v = new double[d];
    for (int k = 0; k < d; k++) {
      v[k] = random.nextDouble() - 0.5;
    }
    orthogonalize(v, against);
    if (!normalize(v)) {
      return v;
    }
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[] next = new double[d];
      for (double[] row : x) {
        double p = dot(row, v);
        for (int k = 0; k < d; k++) {
          next[k] += p * row[k];
        }
      }
      orthogonalize(next, against);
      if (!normalize(next)) {
        // No variance left in this direction (e.g. all points equal): any orthogonal unit vector will do.
        return v;
      }
      double change = 0;
      for (int k = 0; k < d; k++) {
        change = Math.max(change, Math.abs(next[k] - v[k]));
      }
      v = next;
      if (change < TOLERANCE) {
        break;
      }
    }
    return v;
  }

  private static void orthogonalize(double[] v, double @Nullable [] against) {
    if (against == null) {
      return;
    }
    double p = dot(v, against);
    for (int k = 0; k < v.length; k++) {
      v[k] -= p * against[k];
    }
  }

  private static boolean normalize(double[] v) {
    double norm = Math.sqrt(dot(v, v));
    if (norm < 1e-12) {
      return false;
    }
    for (int k = 0; k < v.length; k++) {
      v[k] /= norm;
    }
    return true;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
