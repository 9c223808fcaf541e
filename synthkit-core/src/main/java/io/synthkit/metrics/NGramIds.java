package io.synthkit.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns tokens and n-grams (n ≤ maxN) into dense int ids, so n-gram counting works on int arrays instead of lists of
 * strings. A k-gram's id is looked up from the pair (id of its (k−1)-gram prefix, id of its last token), packed into
 * one long, which is exact: two k-grams get the same id only when they are equal.
 *
 * <p>Not thread-safe; one instance serves one computation.
 */
final class NGramIds {

  private final Map<String, Integer> tokens = new HashMap<>();
  // orders.get(k) interns k-grams; entries 0 and 1 are unused (unigrams are the token ids).
  private final List<Map<Long, Integer>> orders = new ArrayList<>();

  NGramIds(int maxN) {
    for (int k = 0; k <= maxN; k++) {
      orders.add(new HashMap<>());
    }
  }

  /** Returns ids[k][p] = id of the k-gram starting at token p, for k = 1..maxN (empty rows when too short). */
  int[][] ids(List<String> text) {
    int len = text.size();
    int[][] ids = new int[orders.size()][];
    ids[0] = new int[0];
    ids[1] = new int[len];
    for (int p = 0; p < len; p++) {
      ids[1][p] = tokens.computeIfAbsent(text.get(p), t -> tokens.size());
    }
    for (int k = 2; k < orders.size(); k++) {
      Map<Long, Integer> order = orders.get(k);
      int count = Math.max(0, len - k + 1);
      ids[k] = new int[count];
      for (int p = 0; p < count; p++) {
        long key = ((long) ids[k - 1][p] << 32) | ids[1][p + k - 1];
        ids[k][p] = order.computeIfAbsent(key, x -> order.size());
      }
    }
    return ids;
  }

  /** Returns how many distinct k-grams have been interned. */
  int distinct(int k) {
    return k == 1 ? tokens.size() : orders.get(k).size();
  }

  /**
   * Counts the ids of one text's k-grams.
   *
   * @return {distinct ids ascending, their counts}
   */
  static int[][] counts(int[] ids) {
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    int[] keys = new int[distinct];
    int[] counts = new int[distinct];
    int d = -1;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        keys[++d] = sorted[i];
      }
      counts[d]++;
    }
    return new int[][] {keys, counts};
  }
}
