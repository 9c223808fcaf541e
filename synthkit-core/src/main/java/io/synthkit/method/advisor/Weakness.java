package io.synthkit.method.advisor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What the advisor returns when asked what the dataset lacks (the paper's weakness identification). The reference kept
 * the first line of a free-text reply; structured output gives the concept and its rationale separately.
 *
 * @param concept the missing concept, in a few words
 * @param rationale why the dataset needs it, in one sentence
 */
record Weakness(
    @JsonPropertyDescription("the missing concept, in a few words") String concept,
    @JsonPropertyDescription("one sentence: why the dataset needs it, given the principle") String rationale) {

  /**
   * Returns the concept as one clean line: first line only, without surrounding quotes, bullets or a final period (the
   * reference also kept only the first line).
   *
   * @return the cleaned concept, possibly empty
   */
  String cleanConcept() {
    return RunningSummary.clean(concept == null ? "" : concept.strip().lines().findFirst().orElse(""));
  }
}
