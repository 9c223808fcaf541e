package io.synthkit.method.reversegen;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a proposer completion down to the one instruction it was asked for (methods.md §4.3): drop an echo of the open
 * slot's number, cut at the next numbered item (the proposer tends to continue the list), and per task:
 *
 * <ul>
 *   <li>safety: the first line;
 *   <li>math: the first paragraph, without a trailing solution or answer;
 *   <li>honesty: the question through its {@code Answer: X} line; a malformed question is dropped.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class InstructionCleaner {

  private static final Pattern SOLUTION = Pattern.compile("(?im)^\\s*(?:answer|solution|a)\\s*[:.]");
  private static final Pattern QUOTES = Pattern.compile("^[\"'“”]+|[\"'“”]+$");

  private InstructionCleaner() {}

  /**
   * Cleans one completion.
   *
   * @param task the task
   * @param completion the proposer's raw text
   * @param next the number of the open slot it was asked to fill
   * @return the instruction, or empty when nothing usable remains
   */
  static Optional<String> clean(Task task, String completion, int next) {
    String text = completion.strip();
    Matcher echo = Pattern.compile("^(?:Q\\s*)?" + next + "\\s*[.):]\\s*").matcher(text);
    if (echo.find()) {
      text = text.substring(echo.end());
    }
    // Math and honesty number items "Q5."; a bare " 12." inside a word problem is a quantity, not an item.
    text = cutAtLaterItem(text, next, task != Task.SAFETY);
    String out = switch (task) {
      case SAFETY -> firstLine(text);
      case MATH -> cutAt(firstParagraph(text), SOLUTION);
      case HONESTY -> Mcq.parse(text).filter(m -> m.answer() != null).map(Mcq::withAnswer).orElse("");
    };
    out = QUOTES.matcher(out.strip()).replaceAll("").strip();
    return out.split("\\s+").length < 3 ? Optional.empty() : Optional.of(out);
  }

  /** Cuts before an item numbered after the open slot (" 5.", "Q5.", "\n6)"), as ReverseGen's safety cleaning does. */
  static String cutAtLaterItem(String text, int next, boolean prefixed) {
    Matcher m = Pattern.compile("(?:^|\\s)" + (prefixed ? "Q\\s*" : "(?:Q\\s*)?") + "(\\d{1,3})[.):](?=\\s|$)")
        .matcher(text);
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n > next && n <= next + 20) {
        return text.substring(0, m.start());
      }
    }
    return text;
  }

  private static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return "";
  }

  private static String firstParagraph(String text) {
    String[] paragraphs = text.split("\\R\\s*\\R");
    return paragraphs.length == 0 ? "" : paragraphs[0];
  }

  private static String cutAt(String text, Pattern p) {
    Matcher m = p.matcher(text);
    return m.find() ? text.substring(0, m.start()) : text;
  }
}
