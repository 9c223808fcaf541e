package io.synthkit.retrieval;

import java.text.BreakIterator;
import java.util.Locale;

/**
 * Bounds the text of a passage to a character budget, so that evidence pasted into a verification prompt has a
 * predictable cost. It cuts at the last sentence end that fits; when that would throw away more than half of the
 * budget it cuts at a word boundary instead and marks the cut with an ellipsis.
 *
 * <p>Stateless and thread-safe.
 */
public final class PassageText {

  /** Marks a cut that did not fall on a sentence end. */
  static final String ELLIPSIS = "…";

  private PassageText() {}

  /**
   * Returns {@code text} stripped and cut to at most {@code maxChars} characters (the ellipsis included).
   *
   * @param text the passage text
   * @param maxChars the budget, at least 1
   * @return the text itself when it fits, else its longest prefix ending at a sentence end (preferred) or a word
   *     boundary; never longer than {@code maxChars}
   */
  public static String truncate(String text, int maxChars) {
    if (maxChars < 1) throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
    String s = text.strip();
    if (s.length() <= maxChars) return s;
    int sentenceEnd = lastSentenceEnd(s, maxChars);
    // Half the budget is the point where a clean sentence cut costs more evidence than a mid-sentence cut.
    if (sentenceEnd >= maxChars / 2) return s.substring(0, sentenceEnd).strip();
    int budget = maxChars - ELLIPSIS.length();
    int space = lastWhitespace(s, budget);
    int cut = space >= budget / 2 ? space : budget;
    // Never split a surrogate pair (emoji, many CJK extension characters).
    if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
    return s.substring(0, cut).strip() + ELLIPSIS;
  }

  private static int lastSentenceEnd(String s, int maxChars) {
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(s);
    // A sentence boundary sits after the whitespace that follows a sentence; skip that whitespace so a sentence
    // ending exactly at the budget still counts. s is stripped, so a non-space follows within the text.
    int next = maxChars;
    while (Character.isWhitespace(s.charAt(next))) next++;
    int boundary = sentences.preceding(next + 1);
    return boundary == BreakIterator.DONE ? 0 : boundary;
  }

  private static int lastWhitespace(String s, int limit) {
    for (int i = Math.min(limit, s.length() - 1); i > 0; i--) {
      if (Character.isWhitespace(s.charAt(i))) return i;
    }
    return -1;
  }
}
