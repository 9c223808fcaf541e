package io.synthkit.dedup;

import io.synthkit.text.Tokenizer;
import io.synthkit.text.Tokenizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Self-Instruct's novelty filter ({@code bootstrap_instructions.py}; metrics.md §5): a candidate is rejected when its
 * highest ROUGE-L F against the pool is <b>strictly</b> greater than the threshold (default 0.7, so exactly 0.7 is
 * kept). The pool is the seeds plus every candidate accepted so far, in order; a rejected candidate never enters it.
 *
 * <p>Pool entries are kept as token-id arrays (tokenized once). An inverted index from token to pool entries finds the
 * entries sharing a token with the candidate; an entry sharing none has LCS 0 and is skipped. For the rest the shared
 * token count bounds the LCS, so F is bounded too, and an entry is scored only when that bound could beat the best
 * score found so far. The reported maximum is exact.
 *
 * <p>Not thread-safe: candidates must be offered one at a time, as the rule is sequential by definition.
 */
public final class RougeFilter {

  /** Self-Instruct's threshold. */
  public static final double DEFAULT_THRESHOLD = 0.7;

  /**
   * The verdict on one candidate.
   *
   * @param accepted whether the candidate was novel enough (and, from {@link #offer}, added to the pool)
   * @param maxScore the highest ROUGE-L F against the pool (0 for an empty pool)
   * @param mostSimilarIndex pool index of the entry reaching {@code maxScore} (lowest on ties), −1 when no entry
   *     shares a token with the candidate
   * @param mostSimilar that entry's text, empty when the index is −1
   */
  public record Decision(boolean accepted, double maxScore, int mostSimilarIndex, Optional<String> mostSimilar) {}

  private final double threshold;
  private final Tokenizer tokenizer = Tokenizers.rouge();
  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final List<IntList> postings = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final List<int[]> tokens = new ArrayList<>();
  private int[] overlap = new int[16];
  private int[] stamp = new int[16];
  private int epoch;
  private final IntList touched = new IntList(16);

  /** Creates a filter with Self-Instruct's threshold 0.7. */
  public RougeFilter() {
    this(DEFAULT_THRESHOLD);
  }

  /**
   * Creates a filter.
   *
   * @param threshold reject when max F &gt; threshold; in [0,1]
   * @throws IllegalArgumentException when the threshold is outside [0,1]
   */
  public RougeFilter(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0,1]: " + threshold);
    }
    this.threshold = threshold;
  }

  /**
   * Adds seed texts to the pool unconditionally.
   *
   * @param seeds the seed instructions
   */
  public void addSeeds(Collection<String> seeds) {
    seeds.forEach(this::add);
  }

  /**
   * Checks a candidate and adds it to the pool when accepted.
   *
   * @param candidate the candidate text
   * @return the decision
   */
  public Decision offer(String candidate) {
    Decision d = check(candidate);
    if (d.accepted()) {
      add(candidate);
    }
    return d;
  }

  /**
   * Checks a candidate without changing the pool.
   *
   * @param candidate the candidate text
   * @return the decision
   */
  public Decision check(String candidate) {
    List<String> toks = tokenizer.tokenize(candidate);
    int[] ids = toks.stream().mapToInt(t -> vocabulary.getOrDefault(t, -1)).toArray();
    collectOverlaps(ids);
    int best = bestMatch(ids);
    double score = best < 0 ? 0.0 : fScore(ids, best);
    return new Decision(!(score > threshold), score, best, best < 0 ? Optional.empty() : Optional.of(texts.get(best)));
  }

  /**
   * Returns the number of pool entries (seeds plus accepted candidates).
   *
   * @return the pool size
   */
  public int poolSize() {
    return texts.size();
  }

  /**
   * Returns the pool in insertion order.
   *
   * @return an unmodifiable view of the pool texts
   */
  public List<String> pool() {
    return java.util.Collections.unmodifiableList(texts);
  }

  private void add(String text) {
    int index = texts.size();
    int[] ids = tokenizer.tokenize(text).stream().mapToInt(this::intern).toArray();
    texts.add(text);
    tokens.add(ids);
    int[][] counted = distinctCounts(ids);
    for (int i = 0; i < counted[0].length; i++) {
      IntList p = postings.get(counted[0][i]);
      p.add(index);
      p.add(counted[1][i]);
    }
    if (index >= overlap.length) {
      overlap = Arrays.copyOf(overlap, overlap.length * 2);
      stamp = Arrays.copyOf(stamp, stamp.length * 2);
    }
  }

  private int intern(String token) {
    Integer id = vocabulary.get(token);
    if (id != null) {
      return id;
    }
    vocabulary.put(token, postings.size());
    postings.add(new IntList(4));
    return postings.size() - 1;
  }

  /** Fills overlap[e] = Σ_t min(count in candidate, count in e) for every entry e sharing a token; lists them. */
  private void collectOverlaps(int[] ids) {
    epoch++;
    touched.clear();
    int[][] counted = distinctCounts(ids);
    for (int i = 0; i < counted[0].length; i++) {
      if (counted[0][i] < 0) {
        continue; // a token the pool has never seen
      }
      IntList p = postings.get(counted[0][i]);
      for (int k = 0; k < p.size(); k += 2) {
        int entry = p.get(k);
        if (stamp[entry] != epoch) {
          stamp[entry] = epoch;
          overlap[entry] = 0;
          touched.add(entry);
        }
        overlap[entry] += Math.min(counted[1][i], p.get(k + 1));
      }
    }
  }

  /** Returns the entry with the highest F (lowest index on ties) among touched entries, or −1. */
  private int bestMatch(int[] ids) {
    int best = -1;
    double bestScore = -1;
    // Score the entry with the highest bound first so the bound prunes the scan that follows.
    int seed = highestBound(ids.length);
    if (seed >= 0) {
      best = seed;
      bestScore = fScore(ids, seed);
    }
    for (int t = 0; t < touched.size(); t++) {
      int e = touched.get(t);
      double bound = RougeL.fmeasure((double) overlap[e] / tokens.get(e).length, (double) overlap[e] / ids.length);
      if (e == seed || bound < bestScore || (bound == bestScore && e > best)) {
        continue;
      }
      double s = fScore(ids, e);
      if (s > bestScore || (s == bestScore && e < best)) {
        best = e;
        bestScore = s;
      }
    }
    return best;
  }

  private int highestBound(int candidateLength) {
    int best = -1;
    double bestBound = -1;
    for (int t = 0; t < touched.size(); t++) {
      int e = touched.get(t);
      double bound = (double) overlap[e] / (tokens.get(e).length + candidateLength);
      if (bound > bestBound) {
        bestBound = bound;
        best = e;
      }
    }
    return best;
  }

  private double fScore(int[] candidate, int entry) {
    int[] target = tokens.get(entry);
    return RougeL.fromLcs(RougeL.lcs(candidate, target), candidate.length, target.length).fmeasure();
  }

  /** Returns {distinct ids ascending, their counts}. */
  private static int[][] distinctCounts(int[] ids) {
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    int[] keys = new int[sorted.length];
    int[] counts = new int[sorted.length];
    int d = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        keys[++d] = sorted[i];
      }
      counts[d]++;
    }
    return new int[][] {Arrays.copyOf(keys, d + 1), Arrays.copyOf(counts, d + 1)};
  }
}
