package io.synthkit.evaluation;

import java.util.List;
import java.util.Set;

/**
 * Extracts named entities for the entity-overlap metric. DataGen used a CoNLL-03 BERT NER model, which synthkit does
 * not bundle; {@link ModelEntityExtractor} asks a configured model role with structured output instead, and a Java
 * API user may plug in any other extractor (an in-house NER service, a gazetteer). Implementations are thread-safe.
 */
public interface EntityExtractor {

  /**
   * Says what extracts the entities; printed with the metric.
   *
   * @return for example {@code model role extractor (gpt-4o-mini), structured output}
   */
  String describe();

  /**
   * Extracts the distinct entity strings of a set of texts, matched later exactly and case-sensitively.
   *
   * @param texts the texts
   * @param label names this set in call keys ({@code reference} or {@code generated})
   * @return the union of the texts' entities
   */
  Set<String> entities(List<String> texts, String label);
}
