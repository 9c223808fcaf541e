package io.synthkit.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python string semantics that the reference implementations rely on: {@code str.isspace()}, {@code str.split()} with
 * no argument and {@code str.strip()}. Java's {@code String.strip()} and {@code \s} use different whitespace sets, so
 * porting a metric with them would silently change its tokens.
 *
 * <p>Stateless and thread-safe.
 */
public final class PythonText {

  private PythonText() {}

  /**
   * Tells whether a code point is whitespace for Python 3.11: the Unicode White_Space property plus the four ASCII
   * information separators U+001C..U+001F.
   *
   * @param cp a code point
   * @return true when Python's {@code str.isspace()} is true for it
   */
  public static boolean isSpace(int cp) {
    return switch (cp) {
      case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F,
          0x205F, 0x3000 -> true;
      default -> cp >= 0x2000 && cp <= 0x200A;
    };
  }

  /**
   * Splits like Python's {@code text.split()}: runs of whitespace separate tokens and no empty token is produced.
   *
   * @param text the text
   * @return the tokens; empty for a blank text
   */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isSpace(cp)) {
        if (start >= 0) {
          out.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      out.add(text.substring(start));
    }
    return out;
  }

  /**
   * Removes leading and trailing whitespace like Python's {@code text.strip()}.
   *
   * @param text the text
   * @return the stripped text
   */
  public static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }
}
