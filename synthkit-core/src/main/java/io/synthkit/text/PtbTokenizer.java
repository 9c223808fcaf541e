package io.synthkit.text;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A Penn-Treebank-style word tokenizer that reproduces nltk 3.8 {@code word_tokenize(text, preserve_line=True)}, the
 * tokenizer Texygen and ReverseGen feed to Self-BLEU (metrics.md §0, §2). It splits punctuation, brackets, double
 * dashes and clitics ("don't" → "do", "n't"; "I'm" → "I", "'m"), turns double quotes into {@code ``} and {@code ''},
 * and treats the text as one line (no sentence splitting, so a period inside the text stays attached: "York." ).
 *
 * <p>The rules are applied in nltk's order: starting quotes, punctuation, brackets, double dashes, ending quotes,
 * contractions. Python regex classes are spelled out because Java's differ: Python's {@code \w} is exactly
 * {@code [\p{L}\p{N}_]}, its {@code \s} is White_Space plus U+001C..U+001F, and its {@code \d} is {@code \p{Nd}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PtbTokenizer implements Tokenizer {

  private static final String W = "[\\p{L}\\p{N}_]";
  private static final String NOT_BEFORE_WORD = "(?<!" + W + ")";
  private static final String NOT_AFTER_WORD = "(?!" + W + ")";
  private static final String S = "[\\p{IsWhite_Space}\\x{1C}-\\x{1F}]";
  private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /** One substitution: Java pattern plus replacement in Java's {@code $n} syntax. */
  private record Rule(Pattern pattern, String replacement) {
    static Rule of(String regex, String replacement) {
      // UNIX_LINES: Python's '$' only treats '\n' as a line end.
      return new Rule(Pattern.compile(regex, Pattern.UNIX_LINES), replacement);
    }

    static Rule ci(String regex, String replacement) {
      return new Rule(Pattern.compile(regex, Pattern.UNIX_LINES | CI), replacement);
    }

    String apply(String text) {
      return pattern.matcher(text).replaceAll(replacement);
    }
  }

  private static final List<Rule> STARTING_QUOTES = List.of(
      Rule.of("([«“‘„]|`+)", " $1 "),
      Rule.of("^\"", "``"),
      Rule.of("(``)", " $1 "),
      Rule.of("([ (\\[{<])(\"|'{2})", "$1 `` "),
      // A leading apostrophe is split off unless it starts a clitic ('re, 've, 'll, 'm, 't, 's, 'd, 'n).
      Rule.ci("(')(?!re|ve|ll|m|t|s|d|n)(" + W + ")" + NOT_AFTER_WORD, "$1 $2"));

  private static final List<Rule> PUNCTUATION = List.of(
      Rule.of("([^.])(\\.)([\\])}>\"'»”’ ]*)" + S + "*$", "$1 $2 $3 "),
      Rule.of("([:,])([^\\p{Nd}])", " $1 $2"),
      Rule.of("([:,])$", " $1 "),
      Rule.of("\\.{2,}", " $0 "),
      Rule.of("[;@#$%&]", " $0 "),
      Rule.of("([^.])(\\.)([\\])}>\"']*)" + S + "*$", "$1 $2$3 "),
      Rule.of("[?!]", " $0 "),
      Rule.of("([^'])' ", "$1 ' "),
      Rule.of("[*]", " $0 "));

  private static final Rule BRACKETS = Rule.of("[\\]\\[(){}<>]", " $0 ");
  private static final Rule DOUBLE_DASHES = Rule.of("--", " -- ");

  private static final List<Rule> ENDING_QUOTES = List.of(
      Rule.of("([»”’])", " $1 "),
      Rule.of("''", " '' "),
      Rule.of("\"", " '' "),
      Rule.of("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
      Rule.of("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));

  // Robert MacIntyre's contractions as nltk lists them ("cannot" -> "can not", "gonna" -> "gon na", ...).
  private static final List<Rule> CONTRACTIONS = List.of(
      contraction("(can)(not)"),
      contraction("(d)('ye)"),
      contraction("(gim)(me)"),
      contraction("(gon)(na)"),
      contraction("(got)(ta)"),
      contraction("(lem)(me)"),
      contraction("(more)('n)"),
      Rule.ci(NOT_BEFORE_WORD + "(wan)(na)(?=" + S + ")", " $1 $2 "),
      Rule.ci(" ('t)(is)" + NOT_AFTER_WORD, " $1 $2 "),
      Rule.ci(" ('t)(was)" + NOT_AFTER_WORD, " $1 $2 "));

  private static Rule contraction(String groups) {
    return Rule.ci(NOT_BEFORE_WORD + groups + NOT_AFTER_WORD, " $1 $2 ");
  }

  @Override
  public List<String> tokenize(String text) {
    String t = applyAll(STARTING_QUOTES, text);
    t = applyAll(PUNCTUATION, t);
    t = BRACKETS.apply(t);
    t = DOUBLE_DASHES.apply(t);
    // nltk pads with spaces so the ending-quote and clitic rules can rely on a following space.
    t = applyAll(ENDING_QUOTES, " " + t + " ");
    t = applyAll(CONTRACTIONS, t);
    return PythonText.split(t);
  }

  private static String applyAll(List<Rule> rules, String text) {
    String t = text;
    for (Rule rule : rules) {
      t = rule.apply(t);
    }
    return t;
  }

  @Override
  public String toString() {
    return "ptb";
  }
}
