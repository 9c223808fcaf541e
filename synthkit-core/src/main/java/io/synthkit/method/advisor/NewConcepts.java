package io.synthkit.method.advisor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/**
 * What the advisor returns when it updates the summary (the paper's monitor step) or bootstraps it from the seeds:
 * only the concepts to add, so existing lines are never reworded or lost. The method validates each line before it
 * joins the summary (see {@link RunningSummary#merge}).
 *
 * @param concepts the concepts to add, one short line each; empty when everything is already covered
 */
record NewConcepts(
    @JsonPropertyDescription("concepts the summary does not cover yet, one short line each; empty if none")
        List<String> concepts) {

  /** Copies the list, without nulls (a missing list means none). */
  NewConcepts {
    concepts = concepts == null ? List.of() : concepts.stream().filter(Objects::nonNull).toList();
  }
}
