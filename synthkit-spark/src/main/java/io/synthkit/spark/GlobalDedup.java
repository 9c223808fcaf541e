package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.RunConfig;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.MinHashLsh;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Near-duplicate removal over the merged shards, with the single-machine {@code dedup} stage's code and parameters:
 * exact duplicates after normalisation ({@link ExactDedup}), then MinHash LSH with datasketch's parameters (128
 * permutations, seed 1, bands and rows from the threshold, default 0.8, word shingles).
 *
 * <p>The cluster does the heavy part: signatures, LSH bands grouped by (band, key) to find every pair that shares a
 * band, and each such pair verified on the full signatures (estimated Jaccard at or above the threshold). The driver
 * then walks the texts in the merged order holding only the verified pairs, and for each text takes the best kept
 * earlier match (highest estimate, earliest on ties) exactly as {@link NearDuplicateIndex#offer} does. Whether two
 * texts share a band and what their estimate is depend on the pair alone, so the answers are the single-machine
 * answers; the driver never holds the signatures (512 bytes per text).
 *
 * <p>Spark ML's {@code MinHashLSH} was not used: it hashes with its own random functions and reports pairs by
 * approximate distance, so its answers differ from the core's (and datasketch's) on the same texts.
 */
final class GlobalDedup {

  /**
   * The dedup parameters: those of the config's {@code quality: - dedup} entry when it has one, else the stage's
   * defaults.
   *
   * @param field the field to compare, or {@code null} to detect the main text field
   * @param near also drop near duplicates
   * @param threshold the MinHash Jaccard threshold
   * @param shingles {@code words} or {@code ngrams3}
   */
  record Params(@Nullable String field, boolean near, double threshold, String shingles) implements Serializable {

    /** The dedup stage's defaults. */
    static final Params DEFAULT = new Params(null, true, 0.8, "words");

    /**
     * Reads the config's dedup stage parameters.
     *
     * @param config the run config
     * @return the parameters
     */
    static Params of(RunConfig config) {
      for (JsonNode stage : config.section("quality")) {
        JsonNode p = stage.isObject() ? stage.get("dedup") : null;
        if (p != null && p.isObject()) {
          return new Params(p.hasNonNull("field") ? p.get("field").asText() : null, p.path("near").asBoolean(true),
              p.path("near_threshold").asDouble(0.8), p.path("shingles").asText("words"));
        }
      }
      return DEFAULT;
    }

    Shingler shingler() {
      return "ngrams3".equals(shingles) ? Shingler.wordNGrams(3) : Shingler.words();
    }
  }

  /**
   * What happened to each text, in order.
   *
   * @param kept indexes of the kept texts, at most the limit
   * @param dropped index and reason of each dropped text, in order
   * @param exact texts dropped as exact duplicates
   * @param near texts dropped as near duplicates
   */
  record Result(List<Integer> kept, List<Drop> dropped, int exact, int near) {}

  /**
   * A dropped text.
   *
   * @param index its index
   * @param reason why, naming the earlier text for a near duplicate
   */
  record Drop(int index, String reason) {}

  private static final String EXACT_REASON = "exact duplicate of an earlier record";

  private GlobalDedup() {}

  /** Whether a drop's reason is that of an exact duplicate. */
  static boolean isExact(String reason) {
    return reason.equals(EXACT_REASON);
  }

  /**
   * Deduplicates texts in order, stopping when enough are kept.
   *
   * @param jsc the Spark context that computes the signatures
   * @param texts the texts, in the merged order
   * @param p the parameters
   * @param limit stop once this many are kept (the run's target)
   * @return what was kept and dropped; texts after the limit was reached are neither
   */
  static Result run(JavaSparkContext jsc, List<String> texts, Params p, int limit) {
    Matches matches = p.near() ? verifiedPairs(jsc, texts, p) : Matches.NONE;
    ExactDedup exact = new ExactDedup();
    boolean[] isKept = new boolean[texts.size()];
    List<Integer> kept = new ArrayList<>();
    List<Drop> dropped = new ArrayList<>();
    int exacts = 0;
    int nears = 0;
    for (int i = 0; i < texts.size() && kept.size() < limit; i++) {
      String text = texts.get(i);
      if (!exact.add(text)) {
        dropped.add(new Drop(i, EXACT_REASON));
        exacts++;
        continue;
      }
      int match = matches.best(i, isKept);
      if (match >= 0) {
        dropped.add(new Drop(i, String.format(Locale.ROOT, "near duplicate (MinHash Jaccard >= %.2f) of: %s",
            p.threshold(), texts.get(match))));
        nears++;
        continue;
      }
      isKept[i] = true;
      kept.add(i);
    }
    return new Result(kept, dropped, exacts, nears);
  }

  /**
   * Every pair of texts that shares an LSH band and whose signatures agree on at least the threshold's share of
   * positions, found by the cluster: signatures (kept by the executors, spilling to disk), band entries grouped by
   * (band, key), each bucket's pairs, then each pair verified by joining both signatures.
   */
  static Matches verifiedPairs(JavaSparkContext jsc, List<String> texts, Params p) {
    if (texts.size() < 2) {
      return Matches.NONE;
    }
    int slices = Math.max(1, Math.min(jsc.defaultParallelism() * 4, texts.size() / 1000 + 1));
    double threshold = p.threshold();
    JavaPairRDD<Long, int[]> sigs = jsc.parallelize(texts, slices).zipWithIndex()
        .mapPartitionsToPair((Iterator<Tuple2<String, Long>> it) -> {
          Shingler shingler = p.shingler();
          List<Tuple2<Long, int[]>> out = new ArrayList<>();
          it.forEachRemaining(t -> {
            int[] sig = Signatures.MIN_HASH.signature(shingler.shingles(t._1()));
            if (!MinHash.isEmpty(sig)) { // never a duplicate and never indexed, as in NearDuplicateIndex
              out.add(new Tuple2<>(t._2(), sig));
            }
          });
          return out.iterator();
        }).persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      JavaPairRDD<Long, Long> pairs = sigs.mapPartitionsToPair((Iterator<Tuple2<Long, int[]>> it) -> {
        MinHashLsh lsh = new MinHashLsh(threshold, Signatures.MIN_HASH.numPerm());
        List<Tuple2<Tuple2<Integer, Long>, Long>> out = new ArrayList<>();
        it.forEachRemaining(t -> {
          long[] keys = lsh.bandKeys(t._2());
          for (int band = 0; band < keys.length; band++) {
            out.add(new Tuple2<>(new Tuple2<>(band, keys[band]), t._1()));
          }
        });
        return out.iterator();
      }).groupByKey().flatMapToPair(bucket -> bucketPairs(bucket._2()).iterator()).distinct();
      List<Tuple2<Long, long[]>> verified = pairs.join(sigs)
          .mapToPair(t -> new Tuple2<>(t._2()._1(), new Tuple2<>(t._1(), t._2()._2())))
          .join(sigs)
          .flatMapToPair(t -> {
            int equal = equalPositions(t._2()._1()._2(), t._2()._2());
            boolean near = (double) equal / t._2()._2().length >= threshold;
            return (near ? List.of(new Tuple2<>(t._1(), new long[] {t._2()._1()._1(), equal}))
                : List.<Tuple2<Long, long[]>>of()).iterator();
          }).collect();
      return Matches.of(verified, texts.size());
    } finally {
      sigs.unpersist(false);
    }
  }

  /** Each (earlier, later) pair of a bucket's texts; a bucket holds the texts that share one band's key. */
  private static List<Tuple2<Long, Long>> bucketPairs(Iterable<Long> members) {
    List<Long> ids = new ArrayList<>();
    members.forEach(ids::add);
    Collections.sort(ids);
    List<Tuple2<Long, Long>> out = new ArrayList<>();
    for (int b = 1; b < ids.size(); b++) {
      for (int a = 0; a < b; a++) {
        out.add(new Tuple2<>(ids.get(a), ids.get(b)));
      }
    }
    return out;
  }

  private static int equalPositions(int[] a, int[] b) {
    int equal = 0;
    for (int k = 0; k < a.length; k++) {
      equal += a[k] == b[k] ? 1 : 0;
    }
    return equal;
  }

  /**
   * The verified pairs on the driver, by later text: for text j, its earlier near matches in ascending order with
   * the number of signature positions they agree on.
   */
  static final class Matches {
    static final Matches NONE = new Matches(new int[1], new int[0], new int[0]);

    private final int[] start;
    private final int[] earlier;
    private final int[] equal;

    private Matches(int[] start, int[] earlier, int[] equal) {
      this.start = start;
      this.earlier = earlier;
      this.equal = equal;
    }

    /** Sorts the pairs by (later, earlier) into flat arrays: a few bytes per pair instead of objects. */
    static Matches of(List<Tuple2<Long, long[]>> pairs, int texts) {
      long[][] rows = new long[pairs.size()][];
      for (int k = 0; k < rows.length; k++) {
        Tuple2<Long, long[]> t = pairs.get(k);
        rows[k] = new long[] {t._1(), t._2()[0], t._2()[1]};
      }
      Arrays.sort(rows, Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
      int[] start = new int[texts + 1];
      int[] earlier = new int[rows.length];
      int[] equal = new int[rows.length];
      for (int k = 0; k < rows.length; k++) {
        start[(int) rows[k][0] + 1]++;
        earlier[k] = (int) rows[k][1];
        equal[k] = (int) rows[k][2];
      }
      for (int j = 0; j < texts; j++) {
        start[j + 1] += start[j];
      }
      return new Matches(start, earlier, equal);
    }

    /** The kept earlier match of text j with the most equal positions, the earliest on ties; -1 when none. */
    int best(int j, boolean[] isKept) {
      if (j + 1 >= start.length) {
        return -1;
      }
      int best = -1;
      int bestEqual = -1;
      for (int k = start[j]; k < start[j + 1]; k++) {
        if (isKept[earlier[k]] && equal[k] > bestEqual) {
          best = earlier[k];
          bestEqual = equal[k];
        }
      }
      return best;
    }
  }

  /** The texts' MinHash signatures, computed by the executors; collect keeps the order. */
  static List<int[]> signatures(JavaSparkContext jsc, List<String> texts, Params p) {
    if (texts.isEmpty()) {
      return List.of();
    }
    int slices = Math.max(1, Math.min(jsc.defaultParallelism() * 4, texts.size() / 1000 + 1));
    return jsc.parallelize(texts, slices).mapPartitions((Iterator<String> it) -> {
      Shingler shingler = p.shingler();
      MinHash minHash = Signatures.MIN_HASH;
      List<int[]> out = new ArrayList<>();
      it.forEachRemaining(t -> out.add(minHash.signature(shingler.shingles(t))));
      return out.iterator();
    }).collect();
  }

  /** One {@link MinHash} per executor JVM: its permutations are the same everywhere (datasketch's, seed 1). */
  private static final class Signatures {
    static final MinHash MIN_HASH = MinHash.datasketch();
  }
}
