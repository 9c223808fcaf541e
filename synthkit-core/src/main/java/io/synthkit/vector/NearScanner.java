package io.synthkit.vector;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The exact "which stored vectors are closer than the threshold" scan behind {@link GroupCheck}. Stored vectors live
 * in tiles of {@value #TILE} rows: full rows for the final check, plus the first {@code prefix} coordinates transposed
 * (coordinate-major), so that one query against one tile is a sequence of {@code acc[r] += q[d] * tile[d][r]} loops the
 * JIT vectorises.
 *
 * <p>Pruning is exact: by Cauchy–Schwarz, a·b ≤ prefix(a)·prefix(b) + ‖suffix(a)‖·‖suffix(b)‖. A pair whose bound
 * (plus a 1e-4·‖a‖‖b‖ allowance for float rounding of the prefix sum) cannot reach the dot product the metric needs is
 * skipped; the rest get the full check in double precision. With embedding energy spread over the coordinates, a
 * prefix of dim/12 rejects nearly every far pair. Decisions never depend on pruning, tiling or threads.
 *
 * <p>Not thread-safe for writers; scans split tiles over the common fork-join pool and never write shared state.
 */
final class NearScanner {

  static final int TILE = 256;
  private static final double ROUNDING_ALLOWANCE = 1e-4;

  private final int dim;
  private final int prefix;
  private final GroupCheck.Metric metric;
  private final double threshold;
  private float[][] prefixTiles = new float[8][];
  private float[][] rowTiles = new float[8][];
  private double[][] norms = new double[8][];
  private double[][] suffixNorms = new double[8][];
  private int size;

  /** Receives a near pair; returns true to stop scanning further rows for this query. */
  interface Sink {
    boolean near(int query, int row);
  }

  NearScanner(int dim, GroupCheck.Metric metric, double threshold) {
    this.dim = dim;
    this.prefix = dim <= 16 ? dim : Math.min(dim, Math.max(16, dim / 12));
    this.metric = metric;
    this.threshold = threshold;
  }

  int size() {
    return size;
  }

  /** Copies a vector into the form the metric compares: unit length for cosine (zero stays zero). */
  float[] prepare(float[] v) {
    if (v.length != dim) {
      throw new IllegalArgumentException("vector dimension must be " + dim + ": " + v.length);
    }
    return metric == GroupCheck.Metric.COSINE ? Vectors.normalize(v) : v.clone();
  }

  void add(float[] prepared) {
    int tile = size / TILE;
    int r = size % TILE;
    if (tile == rowTiles.length) {
      int n = rowTiles.length * 2;
      prefixTiles = Arrays.copyOf(prefixTiles, n);
      rowTiles = Arrays.copyOf(rowTiles, n);
      norms = Arrays.copyOf(norms, n);
      suffixNorms = Arrays.copyOf(suffixNorms, n);
    }
    if (r == 0) {
      prefixTiles[tile] = new float[prefix * TILE];
      rowTiles[tile] = new float[dim * TILE];
      norms[tile] = new double[TILE];
      suffixNorms[tile] = new double[TILE];
    }
    for (int d = 0; d < prefix; d++) {
      prefixTiles[tile][d * TILE + r] = prepared[d];
    }
    System.arraycopy(prepared, 0, rowTiles[tile], r * dim, dim);
    norms[tile][r] = Vectors.norm(prepared);
    suffixNorms[tile][r] = suffixNorm(prepared);
    size++;
  }

  private double suffixNorm(float[] v) {
    double s = 0;
    for (int d = prefix; d < dim; d++) {
      s += (double) v[d] * v[d];
    }
    return Math.sqrt(s);
  }

  /**
   * For each query, the lowest stored row below {@code limit} that is near it, or −1.
   *
   * @param queries prepared query vectors
   * @param limit only rows [0, limit) are compared
   */
  int[] firstNear(float[][] queries, int limit) {
    int[] first = new int[queries.length];
    Arrays.fill(first, -1);
    int tiles = (limit + TILE - 1) / TILE;
    int parts = tiles >= 8 ? 2 * Runtime.getRuntime().availableProcessors() : 1;
    int[][] partial = new int[parts][];
    IntStream.range(0, parts).parallel().forEach(p -> {
      int[] found = new int[queries.length];
      Arrays.fill(found, -1);
      scan(queries, new int[queries.length], limit, p * tiles / parts, (p + 1) * tiles / parts, found);
      partial[p] = found;
    });
    // Parts cover ascending tile ranges, so the first part with a hit holds the lowest row.
    for (int q = 0; q < queries.length; q++) {
      for (int p = 0; p < parts && first[q] < 0; p++) {
        first[q] = partial[p][q];
      }
    }
    return first;
  }

  /**
   * Scans tiles [tileFrom, tileTo) for queries; rows below {@code fromRow[q]} or at/after {@code limit} are skipped.
   * When {@code firstHit} is given, records the first near row per query and stops scanning that query.
   */
  void scan(float[][] queries, int[] fromRow, int limit, int tileFrom, int tileTo, int[] firstHit) {
    scan(queries, fromRow, limit, tileFrom, tileTo, (q, row) -> {
      firstHit[q] = row;
      return true;
    });
  }

  void scan(float[][] queries, int[] fromRow, int limit, int tileFrom, int tileTo, Sink sink) {
    float[] acc = new float[TILE];
    boolean[] done = new boolean[queries.length];
    double[] qNorm = new double[queries.length];
    double[] qSuffix = new double[queries.length];
    for (int q = 0; q < queries.length; q++) {
      qNorm[q] = Vectors.norm(queries[q]);
      qSuffix[q] = suffixNorm(queries[q]);
    }
    for (int t = tileFrom; t < tileTo; t++) {
      int rows = Math.min(TILE, limit - t * TILE);
      for (int q = 0; q < queries.length; q++) {
        if (!done[q] && fromRow[q] < t * TILE + rows) {
          prefixDots(queries[q], prefixTiles[t], rows, acc);
          done[q] = checkTile(q, queries[q], qNorm[q], qSuffix[q], t, rows, fromRow[q], acc, sink);
        }
      }
    }
  }

  private void prefixDots(float[] q, float[] tile, int rows, float[] acc) {
    Arrays.fill(acc, 0, rows, 0f);
    for (int d = 0; d < prefix; d++) {
      float qd = q[d];
      int base = d * TILE;
      for (int r = 0; r < rows; r++) {
        acc[r] += qd * tile[base + r];
      }
    }
  }

  private boolean checkTile(
      int q, float[] query, double qNorm, double qSuffix, int t, int rows, int fromRow, float[] acc, Sink sink) {
    double[] tn = norms[t];
    double[] ts = suffixNorms[t];
    for (int r = Math.max(0, fromRow - t * TILE); r < rows; r++) {
      double bound = acc[r] + qSuffix * ts[r] + ROUNDING_ALLOWANCE * qNorm * tn[r] + 1e-9;
      if (bound > neededDot(qNorm, tn[r]) && isNear(query, t, r) && sink.near(q, t * TILE + r)) {
        return true;
      }
    }
    return false;
  }

  /** The dot product a pair must exceed to be near (the same inequality as the metric, rearranged). */
  private double neededDot(double normA, double normB) {
    return metric == GroupCheck.Metric.COSINE
        ? threshold * normA * normB
        : (normA * normA + normB * normB - threshold * threshold) / 2;
  }

  /** The exact decision, in double precision: cos &gt; τ, or ‖a−b‖ &lt; τ. */
  private boolean isNear(float[] a, int t, int r) {
    float[] rows = rowTiles[t];
    int base = r * dim;
    if (metric == GroupCheck.Metric.L2) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double diff = (double) a[d] - rows[base + d];
        s += diff * diff;
      }
      return Math.sqrt(s) < threshold;
    }
    double dot = 0;
    for (int d = 0; d < dim; d++) {
      dot += (double) a[d] * rows[base + d];
    }
    double denom = Vectors.norm(a) * norms[t][r];
    return (denom == 0 ? 0 : dot / denom) > threshold;
  }

  /** Exact decision between a prepared query and a stored row, without pruning. */
  boolean isNear(float[] prepared, int row) {
    return isNear(prepared, row / TILE, row % TILE);
  }
}
