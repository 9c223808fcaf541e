package io.synthkit.retrieval.lucene;

import io.synthkit.spi.SynthkitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The text analysis an index is built with. The choice is recorded in {@code synthkit-index.json} and the retriever
 * reuses it, because query terms only match when they are analyzed like the indexed ones.
 *
 * <p>{@link #ENGLISH} is the default. Measured on the test encyclopedia (55 articles, 66 entity and descriptive
 * queries, right article first): Lucene's StandardAnalyzer 60/66, its EnglishAnalyzer 64/66, EnglishAnalyzer plus
 * ASCII folding 65/66. Stemming lets "erupting volcanoes" meet "eruption of ... volcano"; folding lets "Krakow" meet
 * "Kraków".
 */
public enum IndexAnalyzer {
  /** Standard tokenizer, English possessives, lower case, ASCII folding, English stop words, Porter stemming. */
  ENGLISH,
  /** Standard tokenizer and lower case only; for non-English corpora or exact-word matching. */
  STANDARD;

  /**
   * Creates a fresh analyzer; the caller closes it.
   *
   * @return the Lucene analyzer
   */
  public Analyzer create() {
    return switch (this) {
      case ENGLISH -> new EnglishFoldingAnalyzer();
      case STANDARD -> new StandardAnalyzer();
    };
  }

  /**
   * Returns the name used in metadata and on the command line.
   *
   * @return {@code english} or {@code standard}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks an analyzer up by {@link #id()}.
   *
   * @param id the name, any case
   * @return the analyzer
   * @throws SynthkitException listing the known names when {@code id} is unknown
   */
  public static IndexAnalyzer of(String id) {
    for (IndexAnalyzer a : values()) {
      if (a.id().equalsIgnoreCase(id)) return a;
    }
    String known = Arrays.stream(values()).map(IndexAnalyzer::id).collect(Collectors.joining(", "));
    throw SynthkitException.input("unknown analyzer \"" + id + "\"; known: " + known);
  }
}
