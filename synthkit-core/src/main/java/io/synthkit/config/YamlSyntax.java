package io.synthkit.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.synthkit.spi.SynthkitException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns a YAML syntax error into a message that points at the line: {@code run.yaml:4:9: not valid YAML: mapping
 * values are not allowed here}, followed by the offending line and a caret, and a hint for the usual causes (a tab,
 * a missing space after a colon, an unclosed quote or bracket).
 */
final class YamlSyntax {

  private YamlSyntax() {}

  static SynthkitException error(String source, String text, Exception e) {
    int line = 0;
    int column = 0;
    String problem = firstLine(e.getMessage());
    String context = null;
    if (e.getCause() instanceof MarkedYAMLException y) {
      problem = y.getProblem();
      Mark at = y.getProblemMark();
      if (at != null) {
        line = at.getLine() + 1;
        column = at.getColumn() + 1;
      }
      if (y.getContext() != null && y.getContextMark() != null) {
        context = y.getContext() + " that starts at line " + (y.getContextMark().getLine() + 1);
      }
    } else if (e instanceof JsonProcessingException j && j.getLocation() != null
        && j.getLocation() != JsonLocation.NA) {
      line = j.getLocation().getLineNr();
      column = j.getLocation().getColumnNr();
      problem = firstLine(j.getOriginalMessage());
    }
    StringBuilder m = new StringBuilder(source);
    if (line > 0) {
      m.append(':').append(line).append(':').append(column);
    }
    m.append(": not valid YAML: ").append(problem == null ? "unreadable" : problem.strip());
    if (context != null) {
      m.append(" (").append(context).append(')');
    }
    String shown = line > 0 ? lineOf(text, line) : null;
    if (shown != null) {
      m.append("\n  ").append(shown.replace('\t', ' ')).append("\n  ").append(" ".repeat(Math.max(0, column - 1)))
          .append('^');
    }
    String hint = hint(problem, shown);
    if (hint != null) {
      m.append("\n").append(hint);
    }
    return SynthkitException.input(m.toString(), e);
  }

  private static @Nullable String hint(@Nullable String problem, @Nullable String line) {
    String p = problem == null ? "" : problem.toLowerCase(Locale.ROOT);
    if (line != null && line.contains("\t")) {
      return "YAML does not allow tabs for indentation; indent with spaces.";
    }
    if (p.contains("mapping values are not allowed")) {
      return "A value cannot itself contain \"key: value\" on the same line: put the nested keys on their own,"
          + " indented lines, or quote the value.";
    }
    if (p.contains("could not find expected ':'")) {
      return "Each line in a mapping needs \"key: value\" (with a space after the colon).";
    }
    if (p.contains("end of stream") || p.contains("expected ',' or ']'") || p.contains("expected ',' or '}'")) {
      return "A quote or bracket opened earlier is not closed.";
    }
    if (p.contains("did not find expected key") || p.contains("bad indentation")) {
      return "Check the indentation: keys at the same level must start in the same column.";
    }
    return null;
  }

  private static @Nullable String lineOf(String text, int line) {
    String[] lines = text.split("\r?\n", -1);
    return line - 1 < lines.length ? lines[line - 1] : null;
  }

  private static @Nullable String firstLine(@Nullable String s) {
    return s == null ? null : s.lines().findFirst().orElse(s);
  }
}
