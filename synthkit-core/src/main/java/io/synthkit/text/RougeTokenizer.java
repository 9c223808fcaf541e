package io.synthkit.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rouge-score {@code DefaultTokenizer} without stemming (metrics.md §5): lowercase, turn every run of characters
 * outside {@code [a-z0-9]} into a space, split. Non-ASCII letters vanish, so "café" becomes "caf"; that is what the
 * Self-Instruct ROUGE-L filter sees, so we keep it.
 *
 * <p>Stateless and thread-safe.
 */
public final class RougeTokenizer implements Tokenizer {

  @Override
  public List<String> tokenize(String text) {
    // Locale.ROOT: Python's str.lower() is locale-independent (no Turkish dotless i).
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (keep && start < 0) {
        start = i;
      } else if (!keep && start >= 0) {
        out.add(lower.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      out.add(lower.substring(start));
    }
    return out;
  }

  @Override
  public String toString() {
    return "rouge";
  }
}
