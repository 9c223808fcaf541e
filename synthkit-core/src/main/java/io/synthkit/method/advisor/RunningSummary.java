package io.synthkit.method.advisor;

import io.synthkit.dedup.TextNormalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The advisor's running summary of what the dataset covers: a list of short concept lines (the paper's "concise,
 * running report"). It only grows: a proposed line joins when it is not empty, has at most the allowed number of words
 * (the reference prompt asked for at most 5 but never checked) and is not already there after normalisation (case,
 * spacing, surrounding punctuation). Rejected lines are returned so the method can record them. Not thread-safe; the
 * advisor loop owns it.
 */
final class RunningSummary {

  /** A proposed line that did not join, and why ({@code empty}, {@code too_long: 7 words > 5}, {@code duplicate}). */
  record Dropped(String line, String reason) {}

  /** The outcome of one merge. */
  record Merge(List<String> added, List<Dropped> dropped) {}

  private final List<String> lines = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();

  /**
   * Creates a summary from given lines (a user's file), keeping them as written except for duplicates.
   *
   * @param initial the lines
   */
  RunningSummary(List<String> initial) {
    for (String line : initial) {
      String c = clean(line);
      if (!c.isEmpty() && keys.add(TextNormalizer.normalize(c))) {
        lines.add(c);
      }
    }
  }

  /**
   * Adds the proposed lines that pass the rules, in order.
   *
   * @param proposed lines from the model
   * @param maxWords the most words a line may have
   * @return what was added and what was dropped
   */
  Merge merge(List<String> proposed, int maxWords) {
    List<String> added = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    for (String raw : proposed) {
      String line = clean(raw);
      int words = line.isEmpty() ? 0 : line.split("\\s+").length;
      if (line.isEmpty()) {
        dropped.add(new Dropped(raw, "empty"));
      } else if (words > maxWords) {
        dropped.add(new Dropped(raw, "too_long: " + words + " words > " + maxWords));
      } else if (!keys.add(TextNormalizer.normalize(line))) {
        dropped.add(new Dropped(raw, "duplicate"));
      } else {
        lines.add(line);
        added.add(line);
      }
    }
    return new Merge(List.copyOf(added), List.copyOf(dropped));
  }

  /**
   * Tells whether a concept is already a line of the summary (after normalisation).
   *
   * @param concept the concept
   * @return true when covered
   */
  boolean covers(String concept) {
    return keys.contains(TextNormalizer.normalize(concept));
  }

  /** @return a copy of the lines */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** @return the number of lines */
  int size() {
    return lines.size();
  }

  /**
   * Strips a line of what models put around list entries: bullets, numbering, surrounding quotes, a final period.
   *
   * @param line a line
   * @return the bare text
   */
  static String clean(String line) {
    String s = line.strip().replaceFirst("^(?:[-*•]+|\\d+[.)])\\s*", "").strip();
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      s = s.substring(1, s.length() - 1).strip();
    }
    return s.endsWith(".") ? s.substring(0, s.length() - 1).strip() : s;
  }
}
