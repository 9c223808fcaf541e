package io.synthkit.method.reversegen;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the final number of a math solution as ReverseGen's math oracle does (methods.md §4.4): the value after the
 * last {@code ####}, else the content of the last {@code \boxed{...}}, else the last number in the text; then
 * thousands separators, currency signs and trailing zeros go ({@code "1,250.50"} → {@code 1250.5}, {@code "4.00"} →
 * {@code 4}). Stateless and thread-safe.
 */
final class MathAnswers {

  private static final Pattern NUMBER = Pattern.compile("-?\\$?\\s?\\d[\\d,]*(?:\\.\\d+)?|-?\\.\\d+");

  private MathAnswers() {}

  /**
   * Extracts the final answer.
   *
   * @param text a solution
   * @return the normalized number, or empty when the text holds none
   */
  static Optional<String> extract(String text) {
    int hashes = text.lastIndexOf("####");
    if (hashes >= 0) {
      Optional<String> n = firstNumber(text.substring(hashes + 4));
      if (n.isPresent()) {
        return n;
      }
    }
    String boxed = lastBoxed(text);
    if (boxed != null) {
      Optional<String> n = firstNumber(boxed);
      if (n.isPresent()) {
        return n;
      }
    }
    return lastNumber(text);
  }

  /**
   * Normalizes a number: no separators or currency sign, no trailing zeros, no exponent.
   *
   * @param raw for example {@code "$1,200.50"}
   * @return for example {@code "1200.5"}, or empty when it is not a number
   */
  static Optional<String> normalize(String raw) {
    String s = raw.replace(",", "").replace("$", "").replace(" ", "").strip();
    try {
      BigDecimal d = new BigDecimal(s).stripTrailingZeros();
      // 0.00 strips to "0E-2" on some JDKs; compare with zero to print plain 0.
      return Optional.of(d.signum() == 0 ? "0" : d.toPlainString());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> firstNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    return m.find() ? normalize(m.group()) : Optional.empty();
  }

  private static Optional<String> lastNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last == null ? Optional.empty() : normalize(last);
  }

  /** The content of the last {@code \boxed{...}}, braces balanced (answers like {@code \frac{1}{2}} nest). */
  private static @Nullable String lastBoxed(String text) {
    int at = text.lastIndexOf("\\boxed{");
    if (at < 0) {
      return null;
    }
    int depth = 0;
    int start = at + "\\boxed{".length();
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return text.substring(start, i);
        }
        depth--;
      }
    }
    return null;
  }
}
