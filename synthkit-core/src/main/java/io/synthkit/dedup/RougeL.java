package io.synthkit.dedup;

import io.synthkit.text.Tokenizers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-L as rouge-score computes it without stemming (metrics.md §5): L = longest common subsequence of the token
 * lists, P = L/|prediction|, R = L/|target|, F = 2PR/(P+R) (0 when P+R = 0), and all three 0 when either list is empty.
 * F is symmetric in target and prediction.
 *
 * <p>Stateless and thread-safe.
 */
public final class RougeL {

  /**
   * A ROUGE-L score.
   *
   * @param precision L / |prediction|
   * @param recall L / |target|
   * @param fmeasure harmonic mean of precision and recall
   */
  public record Score(double precision, double recall, double fmeasure) {
    static final Score ZERO = new Score(0, 0, 0);
  }

  private RougeL() {}

  /**
   * Scores two raw texts with the rouge-score tokenizer.
   *
   * @param target the reference text
   * @param prediction the candidate text
   * @return the score
   */
  public static Score score(String target, String prediction) {
    return score(Tokenizers.rouge().tokenize(target), Tokenizers.rouge().tokenize(prediction));
  }

  /**
   * Scores two token lists.
   *
   * @param target reference tokens
   * @param prediction candidate tokens
   * @return the score
   */
  public static Score score(List<String> target, List<String> prediction) {
    Map<String, Integer> ids = new HashMap<>();
    return fromLcs(lcs(toIds(target, ids), toIds(prediction, ids)), target.size(), prediction.size());
  }

  private static int[] toIds(List<String> tokens, Map<String, Integer> ids) {
    return tokens.stream().mapToInt(t -> ids.computeIfAbsent(t, k -> ids.size())).toArray();
  }

  /** Builds the score from an LCS length, with rouge-score's exact arithmetic. */
  static Score fromLcs(int lcs, int targetLength, int predictionLength) {
    if (targetLength == 0 || predictionLength == 0) {
      return Score.ZERO;
    }
    double precision = (double) lcs / predictionLength;
    double recall = (double) lcs / targetLength;
    return new Score(precision, recall, fmeasure(precision, recall));
  }

  static double fmeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }

  /** Length of the longest common subsequence, O(|a|·|b|) time and O(|b|) memory. */
  static int lcs(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      int ai = a[i - 1];
      for (int j = 1; j <= b.length; j++) {
        cur[j] = ai == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }
}
