package io.synthkit.evaluation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.run.Parallel;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Gives every record of a dataset without {@code meta.category} a short category from a judge model (structured
 * output, prompt {@code evaluate/categorize}), so a run whose method records no categories (Self-Instruct) can be
 * compared with one that does (Data Advisor) by category coverage over iterations. Known categories (for example
 * those of the run being compared against) are offered to the model, so both runs share a vocabulary where they can.
 * Categories are lowercased and whitespace-collapsed. Thread-safe.
 */
public final class Categorizer {

  /**
   * What the model returns.
   *
   * @param category the category
   */
  public record CategoryReply(
      @JsonPropertyDescription("the item's category: a lowercase noun phrase of at most five words") String category) {}

  private final Llm llm;
  private final PromptLibrary prompts;
  private final List<String> known;

  /**
   * Creates a categorizer.
   *
   * @param llm the judge role
   * @param prompts where {@code evaluate/categorize} comes from
   * @param known categories to offer the model (may be empty)
   */
  public Categorizer(Llm llm, PromptLibrary prompts, List<String> known) {
    this.llm = Objects.requireNonNull(llm, "llm").stage("categorize");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.known = List.copyOf(known);
  }

  /**
   * Describes the categorizer for outputs.
   *
   * @return the role, model and vocabulary size
   */
  public String describe() {
    return "categories from model role " + llm.role() + " (" + llm.model() + (llm.simulated() ? ", SIMULATED" : "")
        + "), structured output, " + known.size() + " known categories offered";
  }

  /**
   * Categorizes the records that have no category; records that have one keep it. A record whose reply is invalid
   * stays without a category.
   *
   * @param dataset the dataset
   * @param field the text field shown to the model
   * @return the dataset with {@code meta.category} filled in
   */
  public Dataset categorize(Dataset dataset, FieldPath field) {
    List<DataRecord> todo = dataset.records().stream().filter(r -> MetaStats.categories(r).isEmpty()).toList();
    List<Reply<CategoryReply>> replies = Parallel.map(todo, r -> Reply.catching(() -> llm.tryAsk(prompts.render(
        "evaluate/categorize", Map.of("text", Objects.requireNonNullElse(field.text(r), ""), "categories", known)),
        CategoryReply.class, "evaluate/categorize/" + r.id())));
    Map<String, String> assigned = new java.util.HashMap<>();
    for (int i = 0; i < todo.size(); i++) {
      if (replies.get(i) instanceof Reply.Ok<CategoryReply> ok && ok.value().category() != null
          && !ok.value().category().isBlank()) {
        assigned.put(todo.get(i).id(), normalize(ok.value().category()));
      }
    }
    List<DataRecord> out = new ArrayList<>(dataset.size());
    for (DataRecord r : dataset.records()) {
      String c = assigned.get(r.id());
      if (c == null) {
        out.add(r);
      } else {
        var meta = r.meta().deepCopy();
        meta.put("category", c).put("category_source", "evaluate --categorize");
        out.add(new DataRecord(r.id(), r.data(), meta));
      }
    }
    return dataset.withRecords(out);
  }

  static String normalize(String category) {
    return category.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
