package io.synthkit.method.reversegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A multiple-choice question of the honesty task, as MMLU-style text: the question, options labelled {@code A.},
 * {@code B.}, ..., and an {@code Answer: X} line.
 *
 * @param question the question text
 * @param options the option texts, labelled A, B, ... in order
 * @param answer the correct letter, or {@code null} when unknown
 */
record Mcq(String question, List<String> options, @Nullable String answer) {

  private static final Pattern OPTION = Pattern.compile("^\\s*\\(?([A-J])[.):]\\s+(.+?)\\s*$");
  private static final Pattern ANSWER = Pattern.compile(
      "\\b(?i:answer)(?:\\s+(?i:is))?\\s*[:\\-]?\\s*\\(?([A-J])\\b");
  private static final Pattern LEADING_LETTER = Pattern.compile("^\\(?([A-J])(?:[).:]|$)");

  /** Copies the options. */
  public Mcq {
    options = List.copyOf(options);
  }

  /**
   * Parses MMLU-style text. Options must be labelled consecutively from A; text after the answer line is ignored.
   *
   * @param text the question, its options one per line, and optionally {@code Answer: X}
   * @return the question, or empty when it has fewer than two options or its answer is not one of them
   */
  public static Optional<Mcq> parse(String text) {
    StringBuilder question = new StringBuilder();
    List<String> options = new ArrayList<>();
    String answer = null;
    for (String line : text.strip().split("\\R")) {
      Matcher a = ANSWER.matcher(line);
      if (!options.isEmpty() && a.find() && line.strip().toLowerCase(Locale.ROOT).startsWith("answer")) {
        answer = a.group(1);
        break;
      }
      Matcher o = OPTION.matcher(line);
      if (o.matches() && o.group(1).charAt(0) == 'A' + options.size()) {
        options.add(o.group(2));
      } else if (options.isEmpty()) {
        question.append(question.isEmpty() ? "" : "\n").append(line.strip());
      } else {
        return Optional.empty(); // prose between options: not a clean question
      }
    }
    if (options.size() < 2 || question.toString().isBlank()
        || (answer != null && answer.charAt(0) - 'A' >= options.size())) {
      return Optional.empty();
    }
    return Optional.of(new Mcq(question.toString().strip(), options, answer));
  }

  /**
   * Returns the option letters.
   *
   * @return A, B, ... one per option
   */
  public List<String> letters() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      out.add(String.valueOf((char) ('A' + i)));
    }
    return out;
  }

  /**
   * Renders the question and options, as the target sees it.
   *
   * @return the text without the answer
   */
  public String withoutAnswer() {
    StringBuilder sb = new StringBuilder(question);
    for (int i = 0; i < options.size(); i++) {
      sb.append('\n').append((char) ('A' + i)).append(". ").append(options.get(i));
    }
    return sb.toString();
  }

  /**
   * Renders the question, options and answer line, as a demonstration shows it.
   *
   * @return the text with {@code Answer: X} when the answer is known
   */
  public String withAnswer() {
    return answer == null ? withoutAnswer() : withoutAnswer() + "\nAnswer: " + answer;
  }

  /**
   * Finds the option letter a model chose in a free-text answer: an {@code Answer: X} / "the answer is X" phrase, a
   * reply that starts with a letter ({@code B}, {@code (B)}, {@code B.}), or the one option whose text the reply
   * quotes.
   *
   * @param reply the model's reply
   * @return the letter, or empty when the reply names none of this question's options
   */
  public Optional<String> chosenLetter(String reply) {
    String text = reply.strip();
    Matcher a = ANSWER.matcher(text);
    if (a.find() && a.group(1).charAt(0) - 'A' < options.size()) {
      return Optional.of(a.group(1));
    }
    Matcher lead = LEADING_LETTER.matcher(text);
    if (lead.find() && lead.group(1).charAt(0) - 'A' < options.size()) {
      return Optional.of(lead.group(1));
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String found = null;
    for (int i = 0; i < options.size(); i++) {
      if (!options.get(i).isBlank() && lower.contains(options.get(i).toLowerCase(Locale.ROOT))) {
        if (found != null) {
          return Optional.empty(); // quotes several options: ambiguous
        }
        found = String.valueOf((char) ('A' + i));
      }
    }
    return Optional.ofNullable(found);
  }
}
