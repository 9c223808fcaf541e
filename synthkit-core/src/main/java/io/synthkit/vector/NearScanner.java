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
 * prefix of dim/6 rejects nearly every far pair (for random 384-d unit vectors the bound of a far pair is about
 * 0.83 ± 0.02 against the 0.955 needed). Decisions never depend on pruning, tiling or threads.
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
  // prefixTiles[tile][d][r]: one array per coordinate, because C2 (JDK 25) does not vectorise a loop reading
  // tile[base + r] with an invariant offset next to another array, but does vectorise tile[d][r].
  private float[][][] prefixTiles = new float[8][][];
  private float[][] rowTiles = new float[8][];
  private double[][] norms = new double[8][];
  // Float copies for the vectorised bound: norm, squared norm, suffix norm.
  private float[][] boundNorms = new float[8][];
  private float[][] boundSquares = new float[8][];
  private float[][] boundSuffixes = new float[8][];
  private int size;

  /** Receives a near pair; returns true to stop scanning further rows for this query. */
  interface Sink {
    boolean near(int query, int row);
  }

  NearScanner(int dim, GroupCheck.Metric metric, double threshold) {
    this.dim = dim;
    this.prefix = dim <= 16 ? dim : Math.min(dim, Math.max(16, dim / 6));
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
      boundNorms = Arrays.copyOf(boundNorms, n);
      boundSquares = Arrays.copyOf(boundSquares, n);
      boundSuffixes = Arrays.copyOf(boundSuffixes, n);
    }
    if (r == 0) {
      prefixTiles[tile] = new float[prefix][TILE];
      rowTiles[tile] = new float[dim * TILE];
      norms[tile] = new double[TILE];
      boundNorms[tile] = new float[TILE];
      boundSquares[tile] = new float[TILE];
      boundSuffixes[tile] = new float[TILE];
    }
    for (int d = 0; d < prefix; d++) {
      prefixTiles[tile][d][r] = prepared[d];
    }
    System.arraycopy(prepared, 0, rowTiles[tile], r * dim, dim);
    double norm = Vectors.norm(prepared);
    norms[tile][r] = norm;
    boundNorms[tile][r] = (float) norm;
    boundSquares[tile][r] = (float) (norm * norm);
    boundSuffixes[tile][r] = (float) suffixNorm(prepared);
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
    float[] margin = new float[TILE];
    boolean[] done = new boolean[queries.length];
    float[][] coefficients = new float[queries.length][];
    for (int q = 0; q < queries.length; q++) {
      coefficients[q] = boundCoefficients(queries[q]);
    }
    for (int t = tileFrom; t < tileTo; t++) {
      int rows = Math.min(TILE, limit - t * TILE);
      for (int q = 0; q < queries.length; q++) {
        if (!done[q] && fromRow[q] < t * TILE + rows) {
          margins(queries[q], coefficients[q], t, rows, margin);
          done[q] = checkTile(q, queries[q], t, rows, fromRow[q], margin, sink);
        }
      }
    }
  }

  /**
   * Per-query constants of the bound, so that for row r: bound − needed = prefixDot + c0·suffix[r] + c1·norm[r] −
   * c2·norm[r]² + c3. Cosine needs a·b &gt; τ‖a‖‖b‖ and gets an allowance of 1e-4·‖a‖‖b‖ (its vectors are unit or
   * zero); L2 needs a·b &gt; (‖a‖² + ‖b‖² − τ²)/2 and gets 1e-4·(‖a‖² + ‖b‖²)/2, which also covers float rounding of
   * the squared norms when the norms differ widely.
   */
  private float[] boundCoefficients(float[] query) {
    double norm = Vectors.norm(query);
    double m = ROUNDING_ALLOWANCE;
    float[] c = new float[] {(float) suffixNorm(query), 0, 0, 0};
    if (metric == GroupCheck.Metric.COSINE) {
      c[1] = (float) ((m - threshold) * norm);
      c[3] = 1e-6f;
    } else {
      c[2] = (float) (0.5 - m / 2);
      c[3] = (float) (1e-6 - (norm * norm - threshold * threshold) / 2 + m * norm * norm / 2);
    }
    return c;
  }

  /** margin[r] = upper bound of a·b minus the dot product needed; only rows with margin &gt; 0 can be near. */
  private void margins(float[] q, float[] c, int t, int rows, float[] margin) {
    float[] suffix = boundSuffixes[t];
    float[] norm = boundNorms[t];
    float[] square = boundSquares[t];
    float c0 = c[0];
    float c1 = c[1];
    float c2 = c[2];
    float c3 = c[3];
    for (int r = 0; r < rows; r++) {
      margin[r] = c0 * suffix[r] + c1 * norm[r] - c2 * square[r] + c3;
    }
    float[][] tile = prefixTiles[t];
    int d = 0;
    // Four coordinates per pass: one load and store of margin[r] per four multiply-adds.
    for (; d + 4 <= prefix; d += 4) {
      float q0 = q[d];
      float q1 = q[d + 1];
      float q2 = q[d + 2];
      float q3 = q[d + 3];
      float[] t0 = tile[d];
      float[] t1 = tile[d + 1];
      float[] t2 = tile[d + 2];
      float[] t3 = tile[d + 3];
      for (int r = 0; r < rows; r++) {
        margin[r] += q0 * t0[r] + q1 * t1[r] + q2 * t2[r] + q3 * t3[r];
      }
    }
    for (; d < prefix; d++) {
      float qd = q[d];
      float[] column = tile[d];
      for (int r = 0; r < rows; r++) {
        margin[r] += qd * column[r];
      }
    }
  }

  private boolean checkTile(int q, float[] query, int t, int rows, int fromRow, float[] margin, Sink sink) {
    for (int r = Math.max(0, fromRow - t * TILE); r < rows; r++) {
      if (margin[r] > 0 && isNear(query, t, r) && sink.near(q, t * TILE + r)) {
        return true;
      }
    }
    return false;
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
