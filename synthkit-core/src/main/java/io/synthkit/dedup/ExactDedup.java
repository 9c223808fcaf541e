package io.synthkit.dedup;

import java.util.HashSet;
import java.util.Set;

/**
 * Exact dedup over {@link TextNormalizer} keys: the first text with a given key is new, every later one a duplicate.
 * Memory is one string per distinct key.
 *
 * <p>Not thread-safe; confine an instance to one thread or synchronize externally.
 */
public final class ExactDedup {

  private final Set<String> keys = new HashSet<>();

  /**
   * Records a text.
   *
   * @param text the text
   * @return true when its normalized key was not seen before (the text is new)
   */
  public boolean add(String text) {
    return keys.add(TextNormalizer.normalize(text));
  }

  /**
   * Tells whether a text's key was seen, without recording it.
   *
   * @param text the text
   * @return true when a text with the same normalized key was added
   */
  public boolean contains(String text) {
    return keys.contains(TextNormalizer.normalize(text));
  }

  /**
   * Returns the number of distinct keys.
   *
   * @return how many texts were new
   */
  public int size() {
    return keys.size();
  }
}
