package io.synthkit.dedup;

import io.synthkit.text.PythonText;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalizes a text into the key used for exact dedup: NFKC (so full-width letters and ligatures compare equal), lower
 * case with {@link Locale#ROOT}, every whitespace run collapsed to one space, and surrounding whitespace, punctuation
 * and quotes stripped. "  “Hello,   WORLD!” " and "hello, world" get the same key; inner punctuation is kept because
 * it can change meaning ("let's eat, grandma").
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  /**
   * Returns the dedup key of a text.
   *
   * @param text any text
   * @return the normalized key; empty when the text holds only whitespace and punctuation
   */
  public static String normalize(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    String collapsed = String.join(" ", PythonText.split(nfkc));
    int start = 0;
    int end = collapsed.length();
    while (start < end && isEdge(collapsed.codePointAt(start))) {
      start += Character.charCount(collapsed.codePointAt(start));
    }
    while (end > start && isEdge(collapsed.codePointBefore(end))) {
      end -= Character.charCount(collapsed.codePointBefore(end));
    }
    return collapsed.substring(start, end);
  }

  private static boolean isEdge(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      // Backtick and acute accent are symbols (Sk) but are used as quotes.
      default -> cp == '`' || cp == '´' || PythonText.isSpace(cp);
    };
  }
}
