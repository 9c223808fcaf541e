package io.synthkit.dedup;

import io.synthkit.text.PythonText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a text into the set of shingles that a {@link MinHash} signs. datasketch has no shingling of its own
 * (metrics.md §9), so the two options the reference vectors use are offered by name: {@link #words()} and
 * {@link #wordNGrams(int)}.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface Shingler {

  /**
   * Shingles one text.
   *
   * @param text the text
   * @return the distinct shingles; empty when the text has none
   */
  Set<String> shingles(String text);

  /**
   * Word unigrams as Python's {@code set(text.split())}: case and punctuation kept (ReverseGen's dedup uses unigrams).
   *
   * @return the shingler
   */
  static Shingler words() {
    return text -> new LinkedHashSet<>(PythonText.split(text));
  }

  /**
   * Lowercased word n-grams joined by single spaces; a text with fewer than n words has no shingle.
   *
   * @param n the n-gram length, positive
   * @return the shingler
   * @throws IllegalArgumentException when n is not positive
   */
  static Shingler wordNGrams(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    return text -> {
      List<String> words = PythonText.split(text.toLowerCase(Locale.ROOT));
      Set<String> out = new LinkedHashSet<>();
      for (int p = 0; p + n <= words.size(); p++) {
        out.add(String.join(" ", words.subList(p, p + n)));
      }
      return out;
    };
  }
}
