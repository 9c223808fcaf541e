package io.synthkit.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Self-BLEU (Texygen, Zhu et al. 2018; metrics.md §2): each text in turn is the hypothesis and the other texts are its
 * references (leave-one-out); nltk 3.8 sentence BLEU with uniform weights and {@code method1} smoothing; the result is
 * the mean over hypotheses. Higher means less diverse. Two presets:
 *
 * <ul>
 *   <li>{@link #texygen(List, int)}: BLEU-n over all texts, empty texts included (they score 0);
 *   <li>{@link #reverseGen(List)}: ReverseGen's {@code gram=[2,3,4,5]}, the per-hypothesis mean of BLEU-2..5, after
 *       dropping empty texts.
 * </ul>
 *
 * <p>Tokens are the caller's: Texygen and ReverseGen use nltk {@code word_tokenize}, i.e. {@code Tokenizers.ptb()}.
 * Texygen's {@code get_score()} also keeps only the first 500 lines; pass {@code texts.subList(0, 500)} to reproduce
 * that. Never include a hypothesis among its own references (Texygen's non-parallel {@code get_bleu()} does, scoring
 * about 1).
 *
 * <p>Cost: without reference sampling every hypothesis's references are "all others", so for each n-gram we keep its
 * largest and second-largest count over all texts and read the leave-one-out maximum in O(1). The whole score is then
 * O(N·len) instead of nltk's O(N²·len). With {@code refSize} sampling each hypothesis looks up only its own n-grams in
 * its sampled references.
 *
 * <p>Stateless and thread-safe.
 */
public final class SelfBleu {

  /** ReverseGen's n-gram orders. */
  public static final List<Integer> REVERSEGEN_GRAMS = List.of(2, 3, 4, 5);

  /**
   * Optional subsampling, as ReverseGen's {@code hypo_size} and {@code ref_size} (−1 or 0 = use all). ReverseGen
   * samples unseeded; here the sample is drawn from {@link SplittableRandom} with {@code seed}, so it is reproducible
   * in Java but not identical to Python's {@code random.sample}.
   *
   * @param hypoSize how many texts to sample as hypotheses (and as the reference pool); ≤ 0 for all
   * @param refSize how many references to sample per hypothesis from the other sampled texts; ≤ 0 for all
   * @param seed the sampling seed
   */
  public record Options(int hypoSize, int refSize, long seed) {
    /** No sampling: every text is a hypothesis and every other text a reference. */
    public static final Options ALL = new Options(-1, -1, 0);
  }

  /**
   * A Self-BLEU score.
   *
   * @param score the mean over hypotheses
   * @param perHypothesis the score of each hypothesis, in the order of {@code hypotheses}
   * @param hypotheses indices (into the input list) of the texts used as hypotheses, ascending
   * @param referencesPerHypothesis how many references each hypothesis was scored against
   * @param grams the BLEU orders averaged per hypothesis
   */
  public record Result(
      double score, List<Double> perHypothesis, List<Integer> hypotheses, int referencesPerHypothesis,
      List<Integer> grams) {}

  private SelfBleu() {}

  /**
   * Texygen Self-BLEU-n over all texts.
   *
   * @param texts tokenized texts; at least 2
   * @param n the BLEU order, 1..5 (Texygen reports 2..5, default 3)
   * @return the score
   * @throws IllegalArgumentException for fewer than 2 texts or n out of range
   */
  public static Result texygen(List<List<String>> texts, int n) {
    return score(texts, List.of(n), false, Options.ALL);
  }

  /**
   * ReverseGen Self-BLEU: mean of BLEU-2..5 per hypothesis, empty texts dropped.
   *
   * @param texts tokenized texts; at least 2 non-empty
   * @return the score
   * @throws IllegalArgumentException for fewer than 2 non-empty texts
   */
  public static Result reverseGen(List<List<String>> texts) {
    return score(texts, REVERSEGEN_GRAMS, true, Options.ALL);
  }

  /**
   * General form.
   *
   * @param texts tokenized texts
   * @param grams BLEU orders (each 1..5) averaged per hypothesis
   * @param dropEmpty whether to remove empty texts first (ReverseGen) or keep them (Texygen)
   * @param options subsampling
   * @return the score
   * @throws IllegalArgumentException for fewer than 2 usable texts, bad orders or sample sizes
   */
  public static Result score(List<List<String>> texts, List<Integer> grams, boolean dropEmpty, Options options) {
    int[] orders = checkGrams(grams);
    int maxN = Arrays.stream(orders).max().orElseThrow();
    List<Integer> usable = usable(texts, dropEmpty);
    List<Integer> hyps = sampleHypotheses(usable, options);
    int refs = checkRefSize(options.refSize(), hyps.size());
    BleuCorpus corpus = new BleuCorpus(texts, hyps, maxN);
    double[] per = refs == hyps.size() - 1
        ? corpus.leaveOneOut(orders)
        : corpus.sampledReferences(orders, refs, new SplittableRandom(options.seed() ^ 0x5DEECE66DL));
    double sum = 0;
    List<Double> perList = new ArrayList<>(per.length);
    for (double v : per) {
      sum += v;
      perList.add(v);
    }
    return new Result(sum / per.length, List.copyOf(perList), List.copyOf(hyps), refs, List.copyOf(grams));
  }

  private static int[] checkGrams(List<Integer> grams) {
    if (grams.isEmpty()) {
      throw new IllegalArgumentException("grams must not be empty");
    }
    int[] orders = grams.stream().mapToInt(Integer::intValue).toArray();
    for (int n : orders) {
      if (n < 1 || n > DistinctN.MAX_N) {
        throw new IllegalArgumentException("BLEU order must be in 1.." + DistinctN.MAX_N + ": " + n);
      }
    }
    return orders;
  }

  private static List<Integer> usable(List<List<String>> texts, boolean dropEmpty) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (!dropEmpty || !texts.get(i).isEmpty()) {
        out.add(i);
      }
    }
    if (out.size() < 2) {
      // nltk raises KeyError here: a lone hypothesis has no references.
      throw new IllegalArgumentException("self-BLEU needs at least 2 texts" + (dropEmpty ? " (non-empty)" : "")
          + ", got " + out.size());
    }
    return out;
  }

  private static List<Integer> sampleHypotheses(List<Integer> usable, Options options) {
    int k = options.hypoSize();
    if (k <= 0 || k == usable.size()) {
      return usable;
    }
    if (k < 2 || k > usable.size()) {
      throw new IllegalArgumentException("hypoSize must be in 2.." + usable.size() + ": " + k);
    }
    int[] picked = sample(usable.size(), k, new SplittableRandom(options.seed()));
    Arrays.sort(picked);
    return Arrays.stream(picked).mapToObj(usable::get).toList();
  }

  private static int checkRefSize(int refSize, int hypotheses) {
    if (refSize <= 0) {
      return hypotheses - 1;
    }
    if (refSize > hypotheses - 1) {
      throw new IllegalArgumentException(
          "refSize must be at most the number of other hypotheses (" + (hypotheses - 1) + "): " + refSize);
    }
    return refSize;
  }

  /** Returns k distinct values of 0..n-1 by a partial Fisher-Yates shuffle. */
  static int[] sample(int n, int k, SplittableRandom random) {
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return Arrays.copyOf(pool, k);
  }
}
