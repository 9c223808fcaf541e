package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.RunConfig;
import io.synthkit.spi.SynthkitException;
import io.synthkit.vector.GroupCheck;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.jspecify.annotations.Nullable;

/**
 * The embedding group check ({@code quality: - group_check}) over the merged shards, with the single-machine stage's
 * rule: of every pair closer than the threshold (L2 &lt; 0.3 by default, or cosine above its threshold) the earlier
 * record is kept, i.e. a record is dropped iff a record kept before it is close, and the reason names the lowest such.
 *
 * <p>The cluster does the heavy part. The executors embed the texts with the run's own embedder, one instance per
 * executor JVM ({@link ExecutorEmbedder}); the vectors are collected to the driver and broadcast; each task then takes
 * one range of rows i and finds every close pair (i, j &gt; i) with core's exact test ({@link GroupCheck#nearPairs}),
 * the ranges sized so that each holds about the same number of pairs. The driver walks the close pairs in order and
 * applies the keep-first rule: a pair's answer depends on the two vectors alone, so the decisions are the stage's.
 * The all-pairs scan is exact, not a blocking heuristic: no close pair is missed, as none is on one machine.
 *
 * <p>The agreement needs an embedder whose vectors do not depend on batch companions: the in-process model in its
 * default exact mode, {@code hashing}, or a remote endpoint. The in-process model's batched mode
 * ({@code all-minilm-l6-v2-q-batched}) moves vectors by about 1% with their batch, on one machine as here, so the
 * decisions can differ at the threshold.
 */
final class GlobalGroupCheck {

  /** Target pairs per scan task are balanced; at most this many tasks per core of the cluster. */
  private static final int RANGES_PER_CORE = 2;

  /**
   * The stage's parameters, read from the config's {@code quality: - group_check} entry.
   *
   * @param field the field embedded, or {@code null} to detect the main text field
   * @param metric {@code l2} or {@code cosine}
   * @param threshold the distance (l2) or similarity (cosine) threshold
   */
  record Params(@Nullable String field, String metric, double threshold) implements Serializable {

    /** Validates the metric and the threshold's range, as the stage does when its config is bound. */
    Params {
      metric = metric.toLowerCase(Locale.ROOT);
      if (!metric.equals("l2") && !metric.equals("cosine")) {
        throw new IllegalArgumentException("metric must be l2 or cosine: " + metric);
      }
      options(metric, threshold);
    }

    /** The stage's defaults: L2 distance below 0.3. */
    static final Params DEFAULT = new Params(null, "l2", GroupCheck.DATAGEN_L2_THRESHOLD);

    /**
     * Reads the config's group check entry.
     *
     * @param config the run config
     * @return its parameters, or {@code null} when the config has no group check
     */
    static @Nullable Params of(RunConfig config) {
      for (JsonNode stage : config.section("quality")) {
        if (stage.isTextual() && stage.asText().equals("group_check")) {
          return DEFAULT;
        }
        JsonNode p = stage.isObject() ? stage.get("group_check") : null;
        if (p != null) {
          String metric = p.path("metric").asText("l2").toLowerCase(Locale.ROOT);
          double fallback = metric.equals("l2") ? GroupCheck.DATAGEN_L2_THRESHOLD
              : GroupCheck.EQUIVALENT_COSINE_THRESHOLD;
          return new Params(p.hasNonNull("field") ? p.get("field").asText() : null, metric,
              p.path("threshold").asDouble(fallback));
        }
      }
      return null;
    }

    GroupCheck.Options options() {
      return options(metric, threshold);
    }

    private static GroupCheck.Options options(String metric, double threshold) {
      return new GroupCheck.Options(metric.equals("l2") ? GroupCheck.Metric.L2 : GroupCheck.Metric.COSINE, threshold,
          GroupCheck.Policy.KEEP_FIRST, 0);
    }

    /** The single-machine stage's reason, naming the earlier record. */
    String reason(String earlierId) {
      return String.format(Locale.ROOT, "embedding %s %s %.3f to the earlier record %s", metric,
          metric.equals("l2") ? "distance <" : "similarity >", threshold, earlierId);
    }
  }

  /**
   * The decisions.
   *
   * @param duplicateOf per text, -1 when kept, else the index of the lowest kept earlier text close to it
   * @param pairs how many close pairs the cluster found
   */
  record Result(int[] duplicateOf, int pairs) {

    int dropped() {
      return (int) Arrays.stream(duplicateOf).filter(d -> d >= 0).count();
    }
  }

  private GlobalGroupCheck() {}

  /**
   * Group-checks texts in order.
   *
   * @param jsc the context whose executors embed and scan
   * @param name the run's name, for the Spark UI
   * @param texts the texts, in the merged order
   * @param p the parameters
   * @param embedder the run's {@code embeddings:} section
   * @return the keep-first decisions over all texts
   */
  static Result run(JavaSparkContext jsc, String name, List<String> texts, Params p,
      ExecutorEmbedder.Spec embedder) {
    jsc.setJobDescription("synthkit " + name + ": group check, embeddings with " + embedder + " (" + texts.size()
        + " records)");
    try {
      List<float[]> vectors = ExecutorEmbedder.embed(jsc, texts, embedder);
      jsc.setJobDescription("synthkit " + name + ": group check, close pairs (" + p.metric() + ", "
          + p.threshold() + ")");
      long[] pairs = closePairs(jsc, vectors, p);
      return new Result(keepFirst(pairs, texts.size()), pairs.length);
    } catch (SynthkitException e) {
      throw e;
    } catch (Exception e) { // Spark's SparkException is checked but undeclared (Scala)
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SynthkitException s) { // e.g. an embeddings provider missing on the executors
          throw SynthkitException.input("global group check: " + s.getMessage(), e);
        }
      }
      throw new IllegalStateException("the global group check failed: " + e.getMessage(), e);
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /** Every close pair i &lt; j, packed {@code i << 32 | j} and sorted, found by one task per range of i. */
  static long[] closePairs(JavaSparkContext jsc, List<float[]> vectors, Params p) {
    int n = vectors.size();
    if (n < 2) {
      return new long[0];
    }
    List<int[]> ranges = ranges(n, Math.max(1, Math.min(jsc.defaultParallelism() * RANGES_PER_CORE, n / 256 + 1)));
    Broadcast<float[][]> all = jsc.broadcast(vectors.toArray(float[][]::new));
    try {
      List<long[]> found = jsc.parallelize(ranges, ranges.size()).map(r -> {
        List<float[]> vs = Arrays.asList(all.value());
        return GroupCheck.nearPairs(vs, r[0], r[1], p.options());
      }).collect();
      // The ranges ascend and each range's pairs are sorted, so the concatenation is sorted.
      return found.stream().flatMapToLong(Arrays::stream).toArray();
    } finally {
      all.destroy();
    }
  }

  /**
   * Ranges [from, to) of i covering [0, n) with about equal pair counts: row i pairs with the n - i - 1 rows after it,
   * so the k-th boundary is where the remaining triangle holds (1 - k/count) of the pairs.
   */
  static List<int[]> ranges(int n, int count) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int k = 1; k <= count && from < n; k++) {
      int to = k == count ? n : (int) Math.round(n * (1 - Math.sqrt(1 - (double) k / count)));
      if (to > from) {
        out.add(new int[] {from, to});
        from = to;
      }
    }
    return out;
  }

  /**
   * The keep-first rule over the close pairs, sorted by (i, j): when pair (i, j) comes up, every pair (h, i) with
   * h &lt; i has been seen, so whether i is kept is settled; j is dropped by the first kept i that reaches it.
   */
  static int[] keepFirst(long[] sortedPairs, int n) {
    int[] duplicateOf = new int[n];
    Arrays.fill(duplicateOf, -1);
    for (long pair : sortedPairs) {
      int i = (int) (pair >>> 32);
      int j = (int) pair;
      if (duplicateOf[i] < 0 && duplicateOf[j] < 0) {
        duplicateOf[j] = i;
      }
    }
    return duplicateOf;
  }
}
