package io.synthkit.retrieval.lucene;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document body into passages of whole sentences, about {@code passageWords} words each, where consecutive
 * passages share up to {@code overlapWords} words of trailing sentences.
 *
 * <p>Why: a BM25 hit on a 5,000-word article says little about where the fact is, and pasting the whole article into
 * a verification prompt is expensive. Passages of ~200 words are the size dense-retrieval work settled on (DPR uses
 * 100-word blocks; most RAG setups use 150–300) and keep three pieces of evidence under ~1,000 prompt tokens. Cutting
 * on sentence ends keeps each passage readable as a citation; the overlap keeps a fact that straddles a boundary
 * whole in at least one passage. A sentence longer than a passage is cut into word windows.
 *
 * <p>Not thread-safe (holds a {@link BreakIterator}); the indexer uses one per thread.
 */
final class PassageSplitter {

  /** The last passage may grow by this factor rather than leave a tail too short to be useful evidence. */
  private static final double TAIL_SLACK = 1.25;

  private final int passageWords;
  private final int overlapWords;
  private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);

  PassageSplitter(int passageWords, int overlapWords) {
    if (passageWords < 1) throw new IllegalArgumentException("passageWords must be positive: " + passageWords);
    if (overlapWords < 0 || overlapWords >= passageWords) {
      throw new IllegalArgumentException("overlapWords must be in [0, passageWords): " + overlapWords);
    }
    this.passageWords = passageWords;
    this.overlapWords = overlapWords;
  }

  /**
   * Returns the passages of {@code text}, each an exact substring of it; an empty list for blank text.
   *
   * @param text a document body
   * @return the passages in document order
   */
  List<String> split(String text) {
    List<Span> units = units(text);
    int[] wordsFrom = new int[units.size() + 1];
    for (int i = units.size() - 1; i >= 0; i--) wordsFrom[i] = wordsFrom[i + 1] + units.get(i).words;
    List<String> passages = new ArrayList<>();
    int first = 0;
    while (first < units.size()) {
      int end = wordsFrom[first] <= passageWords * TAIL_SLACK ? units.size() : pack(units, first);
      passages.add(text.substring(units.get(first).start, units.get(end - 1).end));
      if (end == units.size()) break;
      first = overlapStart(units, first, end);
    }
    return passages;
  }

  /** Returns the exclusive end of the passage starting at {@code first}: at least one unit, up to the word budget. */
  private int pack(List<Span> units, int first) {
    int end = first;
    int words = 0;
    while (end < units.size() && (end == first || words + units.get(end).words <= passageWords)) {
      words += units.get(end++).words;
    }
    return end;
  }

  /** Backs up from {@code end} over whole units while they fit in the overlap, always moving past {@code first}. */
  private int overlapStart(List<Span> units, int first, int end) {
    int start = end;
    int words = 0;
    while (start - 1 > first && words + units.get(start - 1).words <= overlapWords) {
      words += units.get(--start).words;
    }
    return start;
  }

  /** Sentences, with any sentence longer than a passage cut into passage-sized word windows. */
  private List<Span> units(String text) {
    List<Span> units = new ArrayList<>();
    sentences.setText(text);
    int start = sentences.first();
    for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
      Span sentence = trimmed(text, start, end);
      if (sentence.words <= passageWords) {
        if (sentence.words > 0) units.add(sentence);
        continue;
      }
      List<Span> words = words(text, start, end);
      for (int i = 0; i < words.size(); i += passageWords) {
        int last = Math.min(i + passageWords, words.size()) - 1;
        units.add(new Span(words.get(i).start, words.get(last).end, last - i + 1));
      }
    }
    return units;
  }

  /** The stretch {@code [from, to)} without surrounding whitespace, with its word count. */
  private static Span trimmed(String text, int from, int to) {
    int start = from;
    int end = to;
    while (start < end && Character.isWhitespace(text.charAt(start))) start++;
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
    int words = 0;
    boolean inWord = false;
    for (int i = start; i < end; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) words++;
      inWord = !space;
    }
    return new Span(start, end, words);
  }

  private static List<Span> words(String text, int from, int to) {
    List<Span> words = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && Character.isWhitespace(text.charAt(i))) i++;
      int start = i;
      while (i < to && !Character.isWhitespace(text.charAt(i))) i++;
      if (i > start) words.add(new Span(start, i, 1));
    }
    return words;
  }

  /** A stretch of the text: {@code [start, end)} holding {@code words} words. */
  private record Span(int start, int end, int words) {}
}
