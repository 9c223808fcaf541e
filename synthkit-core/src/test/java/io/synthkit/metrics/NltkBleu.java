package io.synthkit.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A line-by-line port of nltk 3.8 sentence_bleu (uniform weights, method1), slow and obvious, as a test oracle. */
final class NltkBleu {

  private NltkBleu() {}

  static double sentenceBleu(List<List<String>> refs, List<String> hyp, int n) {
    long[] num = new long[n + 1];
    long[] den = new long[n + 1];
    for (int k = 1; k <= n; k++) {
      Map<List<String>, Integer> counts = ngrams(hyp, k);
      long clipped = 0;
      long total = 0;
      for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
        int max = 0;
        for (List<String> ref : refs) {
          max = Math.max(max, ngrams(ref, k).getOrDefault(e.getKey(), 0));
        }
        clipped += Math.min(e.getValue(), max);
        total += e.getValue();
      }
      num[k] = clipped;
      den[k] = Math.max(1, total);
    }
    if (num[1] == 0) {
      return 0;
    }
    int c = hyp.size();
    int r = refs.stream().map(List::size)
        .min((x, y) -> Math.abs(x - c) != Math.abs(y - c) ? Math.abs(x - c) - Math.abs(y - c) : x - y).orElseThrow();
    double bp = c > r ? 1 : c == 0 ? 0 : Math.exp(1 - (double) r / c);
    double[] terms = new double[n];
    for (int k = 1; k <= n; k++) {
      double p = num[k] == 0 ? 0.1 / den[k] : (double) num[k] / den[k];
      terms[k - 1] = (1.0 / n) * Math.log(p);
    }
    return bp * Math.exp(Bleu.fsum(terms));
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int k) {
    Map<List<String>, Integer> out = new HashMap<>();
    for (int p = 0; p + k <= tokens.size(); p++) {
      out.merge(List.copyOf(tokens.subList(p, p + k)), 1, Integer::sum);
    }
    return out;
  }
}
