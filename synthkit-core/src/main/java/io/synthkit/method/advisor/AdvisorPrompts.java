package io.synthkit.method.advisor;

import io.synthkit.json.Json;
import io.synthkit.method.advisor.ExamplePool.Example;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.RunContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders Data Advisor's prompts ({@code data-advisor/*.txt}) from the loop's state. Items are shown one per line: the
 * bare text when the generator writes one field (as the reference did), a JSON object per line otherwise. Immutable.
 */
final class AdvisorPrompts {

  /** Shown instead of an empty summary, so the advisor is not asked to compare against a blank. */
  static final String EMPTY_SUMMARY = "(nothing yet)";

  private final PromptLibrary library;
  private final DataAdvisorParams p;
  private final List<String> fields;
  private final String textField;
  private final String item;
  private final String description;
  private final List<String> constraints;

  AdvisorPrompts(RunContext ctx, DataAdvisorParams p, List<String> fields, String textField) {
    this.library = ctx.prompts();
    this.p = p;
    this.fields = List.copyOf(fields);
    this.textField = textField;
    String dataDescription = ctx.config().data().description();
    this.item = p.itemDescription() != null ? p.itemDescription()
        : dataDescription != null ? "an item of this dataset: " + dataDescription : "an item like the examples below";
    this.description = dataDescription == null ? "" : dataDescription;
    this.constraints = ctx.config().data().constraints();
  }

  Prompt bootstrap(List<String> seedTexts) {
    return library.render("data-advisor/bootstrap", Map.of("concept", p.concept(), "concepts", p.concepts(),
        "principle", p.principle(), "max_words", p.maxSummaryWords(), "examples", lines(seedTexts)));
  }

  Prompt weakness(RunningSummary summary) {
    return library.render("data-advisor/weakness", Map.of("concept", p.concept(), "concepts", p.concepts(),
        "principle", p.principle(), "max_words", p.maxSummaryWords(), "summary", text(summary)));
  }

  Prompt generate(List<Example> examples, String weakness, String rationale) {
    return library.render("data-advisor/generate", Map.of("item", item, "description", description,
        "examples", examples.isEmpty() ? "(none yet)" : examples(examples), "concept", p.concept(),
        "weakness", weakness, "rationale", rationale == null ? "" : rationale.strip(),
        "fields", String.join(", ", fields), "constraints", constraints));
  }

  /**
   * The summary update.
   *
   * @param summary the current summary
   * @param items the new items' texts ({@code summary_input: data}), or {@code null} to show only the weakness
   * @param weakness the advised concept
   * @return the prompt
   */
  Prompt summarize(RunningSummary summary, @Nullable List<String> items, String weakness) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("concept", p.concept());
    vars.put("concepts", p.concepts());
    vars.put("max_words", p.maxSummaryWords());
    vars.put("summary", text(summary));
    vars.put("data", items != null);
    vars.put("items", items == null ? "" : lines(items));
    vars.put("advice", items == null);
    vars.put("weakness", weakness);
    return library.render("data-advisor/summarize", vars);
  }

  Prompt respond(String text) {
    String guide = p.responseGuide() != null ? p.responseGuide() : DataAdvisorParams.GENERIC_RESPONSE_GUIDE;
    return library.render("data-advisor/respond", Map.of("guide", guide, "text", text));
  }

  private String examples(List<Example> examples) {
    StringBuilder sb = new StringBuilder();
    for (Example e : examples) {
      sb.append(sb.isEmpty() ? "" : "\n").append(fields.size() == 1
          ? oneLine(e.item().path(textField).asText("")) : Json.write(e.item()));
    }
    return sb.toString();
  }

  private static String text(RunningSummary summary) {
    return summary.size() == 0 ? EMPTY_SUMMARY : String.join("\n", summary.lines());
  }

  private static String lines(List<String> texts) {
    StringBuilder sb = new StringBuilder();
    texts.forEach(t -> sb.append(sb.isEmpty() ? "" : "\n").append(oneLine(t)));
    return sb.toString();
  }

  /** One item per line: inner line breaks become spaces. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
