package io.synthkit.evaluation;

import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prepares several datasets for a side-by-side evaluation ({@code synthkit evaluate A --compare B}), in particular
 * Data Advisor's Figure 5 comparison of an Advisor run with a Self-Instruct run from the same seeds: a dataset whose
 * records carry no {@code meta.category} is categorized by a judge model, offered the categories the other datasets
 * already use (their {@value #VOCABULARY} most frequent), so coverage curves count comparable categories.
 */
public final class Comparison {

  /** How many known categories are offered to the judge. */
  public static final int VOCABULARY = 60;

  private Comparison() {}

  /**
   * Categorizes every dataset that has no categories; datasets that have them are returned unchanged.
   *
   * @param datasets the datasets, in column order
   * @param judge the judge role
   * @param prompts where {@code evaluate/categorize} comes from
   * @param field the text field, or null to detect it per dataset
   * @return the datasets, categorized where needed, in the same order
   */
  public static List<Dataset> categorize(List<Dataset> datasets, Llm judge, PromptLibrary prompts,
      @Nullable FieldPath field) {
    List<String> known = vocabulary(datasets);
    Categorizer categorizer = new Categorizer(judge, prompts, known);
    List<Dataset> out = new ArrayList<>(datasets.size());
    for (Dataset d : datasets) {
      boolean has = d.records().stream().anyMatch(r -> !MetaStats.categories(r).isEmpty());
      out.add(has || d.size() == 0 ? d : categorizer.categorize(d, field != null ? field
          : FieldPath.detect(d.records())));
    }
    return out;
  }

  /** The most frequent categories across datasets, most frequent first. */
  static List<String> vocabulary(List<Dataset> datasets) {
    Map<String, Long> counts = new HashMap<>();
    for (Dataset d : datasets) {
      for (DataRecord r : d.records()) {
        MetaStats.categories(r).forEach(c -> counts.merge(Categorizer.normalize(c), 1L, Long::sum));
      }
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(VOCABULARY).map(Map.Entry::getKey).toList();
  }
}
