package io.synthkit.vector;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded k-means: k-means++ initialisation, then Lloyd iterations until no assignment changes, the centroids move less
 * than the tolerance (sum of squared shifts), or the iteration cap. Deterministic for a seed. DataGen uses it for
 * few-shot selection: embed all examples, cluster with k = number of shots, take one random member per cluster
 * ({@link #onePerCluster}).
 *
 * <p>An empty cluster is re-seeded with the point farthest from its centroid. Distances are squared Euclidean in
 * double precision; ties go to the lower centroid index. Stateless and thread-safe.
 */
public final class KMeans {

  /** Default iteration cap (sklearn's). */
  public static final int DEFAULT_MAX_ITERATIONS = 300;
  /** Default tolerance on the sum of squared centroid shifts. */
  public static final double DEFAULT_TOLERANCE = 1e-8;

  /**
   * A clustering.
   *
   * @param assignments cluster index per point
   * @param centroids k centroids
   * @param iterations Lloyd iterations run
   * @param inertia sum of squared distances of points to their centroids
   */
  public record Result(int[] assignments, float[][] centroids, int iterations, double inertia) {}

  private KMeans() {}

  /**
   * Clusters with the default cap and tolerance.
   *
   * @param points vectors of equal dimension
   * @param k number of clusters, 1..points
   * @param seed the random seed
   * @return the clustering
   * @throws IllegalArgumentException for k out of range or unequal dimensions
   */
  public static Result fit(List<float[]> points, int k, long seed) {
    return fit(points, k, seed, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE);
  }

  /**
   * Clusters.
   *
   * @param points vectors of equal dimension
   * @param k number of clusters, 1..points
   * @param seed the random seed
   * @param maxIterations iteration cap, positive
   * @param tolerance stop when the sum of squared centroid shifts is at most this, non-negative
   * @return the clustering
   * @throws IllegalArgumentException for arguments out of range
   */
  public static Result fit(List<float[]> points, int k, long seed, int maxIterations, double tolerance) {
    int dim = Vectors.requireSameDimension(points);
    if (k < 1 || k > points.size()) {
      throw new IllegalArgumentException("k must be in 1.." + points.size() + ": " + k);
    }
    if (maxIterations < 1 || !(tolerance >= 0)) {
      throw new IllegalArgumentException(
          "maxIterations must be positive and tolerance non-negative: " + maxIterations + ", " + tolerance);
    }
    double[][] centroids = seedPlusPlus(points, k, new SplittableRandom(seed));
    int[] assign = new int[points.size()];
    Arrays.fill(assign, -1);
    int iteration = 0;
    boolean changed = true;
    double shift = Double.POSITIVE_INFINITY;
    while (iteration < maxIterations && changed && shift > tolerance) {
      iteration++;
      changed = assign(points, centroids, assign);
      shift = update(points, centroids, assign, dim);
    }
    assign(points, centroids, assign);
    return new Result(assign, toFloat(centroids), iteration, inertia(points, centroids, assign));
  }

  private static double[][] seedPlusPlus(List<float[]> points, int k, SplittableRandom random) {
    int n = points.size();
    double[][] centroids = new double[k][];
    centroids[0] = toDouble(points.get(random.nextInt(n)));
    double[] d2 = new double[n];
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        d2[i] = Math.min(d2[i], squared(points.get(i), centroids[c - 1]));
        total += d2[i];
      }
      centroids[c] = toDouble(points.get(total > 0 ? sampleByWeight(d2, total, random) : random.nextInt(n)));
    }
    return centroids;
  }

  private static int sampleByWeight(double[] weights, double total, SplittableRandom random) {
    double target = random.nextDouble() * total;
    int last = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        last = i;
        target -= weights[i];
        if (target < 0) {
          return i;
        }
      }
    }
    return last; // rounding left a sliver of weight; the last positive point takes it
  }

  private static boolean assign(List<float[]> points, double[][] centroids, int[] assign) {
    boolean changed = false;
    for (int i = 0; i < points.size(); i++) {
      int best = nearest(points.get(i), centroids);
      changed |= best != assign[i];
      assign[i] = best;
    }
    return changed;
  }

  private static int nearest(float[] p, double[][] centroids) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroids.length; c++) {
      double d = squared(p, centroids[c]);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    return best;
  }

  /** Moves centroids to their members' means; returns the sum of squared shifts. */
  private static double update(List<float[]> points, double[][] centroids, int[] assign, int dim) {
    double[][] sums = new double[centroids.length][dim];
    int[] counts = new int[centroids.length];
    for (int i = 0; i < points.size(); i++) {
      counts[assign[i]]++;
      float[] p = points.get(i);
      for (int d = 0; d < dim; d++) {
        sums[assign[i]][d] += p[d];
      }
    }
    double shift = 0;
    for (int c = 0; c < centroids.length; c++) {
      double[] next = counts[c] > 0 ? scale(sums[c], 1.0 / counts[c]) : toDouble(points.get(farthest(points,
          centroids, assign)));
      shift += squared(next, centroids[c]);
      centroids[c] = next;
    }
    return shift;
  }

  private static int farthest(List<float[]> points, double[][] centroids, int[] assign) {
    int best = 0;
    double bestD = -1;
    for (int i = 0; i < points.size(); i++) {
      double d = squared(points.get(i), centroids[assign[i]]);
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  private static double inertia(List<float[]> points, double[][] centroids, int[] assign) {
    double s = 0;
    for (int i = 0; i < points.size(); i++) {
      s += squared(points.get(i), centroids[assign[i]]);
    }
    return s;
  }

  /**
   * Picks one random member of each non-empty cluster, as DataGen's few-shot selection does.
   *
   * @param result a clustering
   * @param seed the random seed
   * @return one point index per non-empty cluster, in cluster order
   */
  public static int[] onePerCluster(Result result, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int k = result.centroids().length;
    int[] picked = new int[k];
    int[] seen = new int[k];
    for (int i = 0; i < result.assignments().length; i++) {
      int c = result.assignments()[i];
      // Reservoir sampling of size 1: the m-th member replaces the pick with probability 1/m.
      if (random.nextInt(++seen[c]) == 0) {
        picked[c] = i;
      }
    }
    return IntStream.range(0, k).filter(c -> seen[c] > 0).map(c -> picked[c]).toArray();
  }

  private static double squared(float[] p, double[] c) {
    double s = 0;
    for (int d = 0; d < p.length; d++) {
      double diff = p[d] - c[d];
      s += diff * diff;
    }
    return s;
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      s += diff * diff;
    }
    return s;
  }

  private static double[] scale(double[] v, double f) {
    double[] out = new double[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = v[d] * f;
    }
    return out;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = v[d];
    }
    return out;
  }

  private static float[][] toFloat(double[][] m) {
    float[][] out = new float[m.length][];
    for (int c = 0; c < m.length; c++) {
      out[c] = new float[m[c].length];
      for (int d = 0; d < m[c].length; d++) {
        out[c][d] = (float) m[c][d];
      }
    }
    return out;
  }
}
