package io.synthkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.RunConfig;
import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.apache.spark.api.java.JavaSparkContext;
import org.jspecify.annotations.Nullable;

/**
 * Near-duplicate removal over the merged shards, with the single-machine {@code dedup} stage's code and parameters:
 * exact duplicates after normalisation ({@link ExactDedup}), then MinHash LSH with datasketch's parameters (128
 * permutations, seed 1, bands and rows from the threshold, default 0.8, word shingles) through the core's
 * {@link NearDuplicateIndex}. The expensive part, the signatures, is a Spark job; the index is then fed on the driver in
 * the merged order, as its contract asks (signatures in parallel, offers from one thread). So the answers are the
 * single-machine answers by construction: the first occurrence wins, and the same pairs are duplicates.
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

  private GlobalDedup() {}

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
    List<int[]> signatures = p.near() ? signatures(jsc, texts, p) : List.of();
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex index = p.near() ? new NearDuplicateIndex(MinHash.datasketch(), p.shingler(), p.threshold())
        : null;
    List<String> offered = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    List<Drop> dropped = new ArrayList<>();
    int exacts = 0;
    int nears = 0;
    for (int i = 0; i < texts.size() && kept.size() < limit; i++) {
      String text = texts.get(i);
      if (!exact.add(text)) {
        dropped.add(new Drop(i, "exact duplicate of an earlier record"));
        exacts++;
        continue;
      }
      if (index != null) {
        offered.add(text);
        OptionalInt dup = index.offer(signatures.get(i));
        if (dup.isPresent()) {
          dropped.add(new Drop(i, String.format(Locale.ROOT, "near duplicate (MinHash Jaccard >= %.2f) of: %s",
              p.threshold(), offered.get(dup.getAsInt()))));
          nears++;
          continue;
        }
      }
      kept.add(i);
    }
    return new Result(kept, dropped, exacts, nears);
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
