package io.synthkit.metrics;

import io.synthkit.text.PythonText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * INGF, the n-gram frequency measure AttrPrompt borrows from DQI (Mishra et al. 2020; metrics.md §4). No
 * authoritative code exists and two third-party readings disagree, so both are offered under explicit names. For both,
 * lower means more diverse.
 *
 * <ul>
 *   <li>{@link #collisionV1}: tokens = {@code text.split()}; pool every 1-, 2- and 3-gram of every text; INGF =
 *       Σ_g (c_g/N)², the probability that two n-grams drawn at random are equal.
 *   <li>{@link #meanFrequencyV2}: {@code text.replace('.', '')}, whitespace split, trigrams; INGF = N/|unique| (the
 *       mean trigram frequency, 1/distinct-3).
 * </ul>
 *
 * <p>Both return 0 when there is no n-gram. Stateless and thread-safe.
 */
public final class Ingf {

  private Ingf() {}

  /**
   * INGF V1, collision probability of the pooled 1..3-grams.
   *
   * @param texts raw texts, split with Python {@code str.split()} semantics
   * @return Σ_g (c_g/N)², or 0 with no n-gram
   */
  public static double collisionV1(List<String> texts) {
    Map<List<String>, Integer> counts = new HashMap<>();
    long total = 0;
    for (String text : texts) {
      List<String> tokens = PythonText.split(text);
      for (int n = 1; n <= 3; n++) {
        for (int p = 0; p + n <= tokens.size(); p++) {
          counts.merge(List.copyOf(tokens.subList(p, p + n)), 1, Integer::sum);
          total++;
        }
      }
    }
    double sum = 0;
    for (int c : counts.values()) {
      double f = (double) c / total;
      sum += f * f;
    }
    return total == 0 ? 0.0 : sum;
  }

  /**
   * INGF V2, mean trigram frequency after removing periods.
   *
   * @param texts raw texts
   * @return trigram occurrences / distinct trigrams, or 0 with no trigram
   */
  public static double meanFrequencyV2(List<String> texts) {
    List<List<String>> tokenized = texts.stream().map(t -> PythonText.split(t.replace(".", ""))).toList();
    DistinctN.Ratio r = DistinctN.of(tokenized, 3);
    return r.unique() == 0 ? 0.0 : (double) r.total() / r.unique();
  }
}
