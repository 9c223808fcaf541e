package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the final number of an answer and compares answers numerically, for code-based math verification: a label
 * "#### 1,250", "$1250.00" and a program's {@code 1250.0} are the same answer, which string equality (the public code's
 * comparison, made by asking a model) would get wrong or leave to chance. Stateless.
 */
final class Numbers {

  // A number with optional thousands separators, decimals, exponent, or a simple fraction like 3/4.
  private static final Pattern NUMBER = Pattern.compile(
      "-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?(?:\\s*/\\s*\\d+(?:\\.\\d+)?)?|-?\\.\\d+");

  private Numbers() {}

  /**
   * Returns the last number in a text (GSM8K answers end with it; a "####" marker, when present, starts the search).
   *
   * @param text an answer or a program's output
   * @return the value, or empty when the text holds no number
   */
  static OptionalDouble parse(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String s = text;
    int marker = s.lastIndexOf("####");
    if (marker >= 0) {
      s = s.substring(marker + 4);
    }
    Matcher m = NUMBER.matcher(s);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    if (last == null) {
      return OptionalDouble.empty();
    }
    String plain = last.replace(",", "").replaceAll("\\s+", "");
    int slash = plain.indexOf('/');
    try {
      if (slash > 0) {
        double den = Double.parseDouble(plain.substring(slash + 1));
        return den == 0 ? OptionalDouble.empty()
            : OptionalDouble.of(Double.parseDouble(plain.substring(0, slash)) / den);
      }
      return OptionalDouble.of(Double.parseDouble(plain));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /**
   * Returns the value of a JSON answer: a number node as it is, text through {@link #parse}.
   *
   * @param node the answer
   * @return the value, or empty
   */
  static OptionalDouble of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return OptionalDouble.empty();
    }
    return node.isNumber() ? OptionalDouble.of(node.asDouble()) : parse(node.asText());
  }

  /**
   * Tells whether two answers agree: {@code |a - b| <= tolerance * max(1, |a|, |b|)}, i.e. an absolute tolerance
   * for small answers and a relative one for large answers.
   *
   * @param a one value
   * @param b the other
   * @param tolerance non-negative
   * @return true when they agree
   */
  static boolean close(double a, double b, double tolerance) {
    double scale = Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) <= tolerance * scale;
  }

  /**
   * Formats a verified value to replace a label, keeping the label's JSON kind: a number label gets a number
   * (integral values as integers), a text label gets text.
   *
   * @param value the verified value
   * @param like the label being replaced
   * @return the new label
   */
  static JsonNode format(double value, JsonNode like) {
    boolean integral = Math.abs(value - Math.rint(value)) < 1e-9 && Math.abs(value) < 1e15;
    if (like != null && like.isNumber()) {
      return integral ? JsonNodeFactory.instance.numberNode((long) Math.rint(value))
          : JsonNodeFactory.instance.numberNode(round(value));
    }
    String text = integral ? Long.toString((long) Math.rint(value))
        : BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
    return JsonNodeFactory.instance.textNode(text);
  }

  /** Rounds away floating-point noise (0.1 + 0.2) while keeping every digit a grade-school answer can have. */
  private static double round(double value) {
    return new BigDecimal(value).round(new MathContext(12)).doubleValue();
  }
}
