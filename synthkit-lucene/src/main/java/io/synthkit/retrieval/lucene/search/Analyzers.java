package io.synthkit.retrieval.lucene.search;

import io.synthkit.spi.SynthkitException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The text analyses an index can be built with, by the id recorded in {@code synthkit-index.json}: the retriever
 * analyzes queries with the same one, because query terms only match when they are analyzed like the indexed ones.
 */
public final class Analyzers {

  /** English analysis with ASCII folding (the default). */
  public static final String ENGLISH = "english";
  /** Standard tokenizer and lower case only. */
  public static final String STANDARD = "standard";
  /** Every known id. */
  public static final List<String> IDS = List.of(ENGLISH, STANDARD);

  private Analyzers() {}

  /**
   * Checks an id.
   *
   * @param id the id, any case
   * @return the id in lower case
   * @throws SynthkitException (exit 2) listing the known ids when {@code id} is unknown
   */
  public static String requireKnown(String id) {
    String lower = id == null ? "" : id.toLowerCase(Locale.ROOT);
    if (!IDS.contains(lower)) {
      throw SynthkitException.input("unknown analyzer \"" + id + "\"; known: " + String.join(", ", IDS));
    }
    return lower;
  }

  /**
   * Creates a fresh analyzer; the caller closes it.
   *
   * @param id a known id, any case
   * @return the Lucene analyzer
   * @throws SynthkitException (exit 2) when {@code id} is unknown
   */
  public static Analyzer create(String id) {
    return requireKnown(id).equals(ENGLISH) ? new EnglishFoldingAnalyzer() : new StandardAnalyzer();
  }
}
