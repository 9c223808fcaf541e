package io.synthkit.evaluation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.run.Parallel;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Entity extraction by a model role with structured output (prompt {@code evaluate/entities}), one call per text, run
 * concurrently within the endpoint's limits. Invalid replies contribute no entity and are counted. Thread-safe.
 */
public final class ModelEntityExtractor implements EntityExtractor {

  /**
   * What the model returns.
   *
   * @param entities the entities
   */
  public record EntityList(
      @JsonPropertyDescription("the named entities in the text, each once, spelled exactly as in the text")
      List<String> entities) {}

  private final Llm llm;
  private final PromptLibrary prompts;

  /**
   * Creates an extractor.
   *
   * @param llm the model role that extracts
   * @param prompts where {@code evaluate/entities} comes from
   */
  public ModelEntityExtractor(Llm llm, PromptLibrary prompts) {
    this.llm = Objects.requireNonNull(llm, "llm").stage("entities");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
  }

  @Override
  public String describe() {
    return "model role " + llm.role() + " (" + llm.model() + (llm.simulated() ? ", SIMULATED" : "")
        + "), structured output; not DataGen's BERT NER, so values are comparable only between runs measured the same"
        + " way";
  }

  @Override
  public Set<String> entities(List<String> texts, String label) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      indices.add(i);
    }
    List<Reply<EntityList>> replies = Parallel.map(indices, i -> Reply.catching(() -> llm.tryAsk(
        prompts.render("evaluate/entities", Map.of("text", texts.get(i))), EntityList.class,
        "evaluate/entities/" + label + "/" + i)));
    Set<String> out = new LinkedHashSet<>();
    for (Reply<EntityList> r : replies) {
      if (r instanceof Reply.Ok<EntityList> ok && ok.value().entities() != null) {
        ok.value().entities().stream().filter(e -> e != null && !e.isBlank()).map(String::strip).forEach(out::add);
      }
    }
    return out;
  }
}
