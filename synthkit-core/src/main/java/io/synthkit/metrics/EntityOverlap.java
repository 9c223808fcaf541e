package io.synthkit.metrics;

import java.util.Set;

/**
 * Entity overlap between an original and a generated dataset (DataGen Table 3, {@code unigen/utils/knowledge.py};
 * metrics.md §7): |E1∩E2| / min(|E1|,|E2|), or 0 when either set is empty. Matching is exact and case-sensitive;
 * extracting the entity strings (DataGen: a CoNLL-03 BERT NER, sub-tokens merged with spaces) is the caller's job.
 *
 * <p>Stateless and thread-safe.
 */
public final class EntityOverlap {

  private EntityOverlap() {}

  /**
   * Computes the overlap coefficient.
   *
   * @param original entity strings of the original data
   * @param generated entity strings of the generated data
   * @return the overlap in [0,1]
   */
  public static double of(Set<String> original, Set<String> generated) {
    if (original.isEmpty() || generated.isEmpty()) {
      return 0.0;
    }
    Set<String> small = original.size() <= generated.size() ? original : generated;
    Set<String> large = small == original ? generated : original;
    long shared = small.stream().filter(large::contains).count();
    return (double) shared / small.size();
  }
}
