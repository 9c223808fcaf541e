package io.synthkit.report;

import org.jspecify.annotations.Nullable;

/** HTML text escaping for the report. Stateless and thread-safe. */
final class Html {

  private Html() {}

  /**
   * Escapes text for element content and double-quoted attributes.
   *
   * @param s the text (null gives "")
   * @return the escaped text
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab and newline are not allowed in HTML text.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * Shortens text for a table cell or tooltip.
   *
   * @param s the text
   * @param max the maximum length in chars
   * @return s, or its first max chars and an ellipsis
   */
  static String clip(@Nullable String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
