package io.synthkit.persona;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The top-level {@code personas:} section of a run config: which persona pool a persona-conditioned method (AIDE)
 * reads and how many personas it retrieves per topic. The pool is the user's own file ({@link PersonaFile} format),
 * e.g. one built with {@code synthkit personas generate}; synthkit bundles no Persona Hub data (CC BY-NC-SA 4.0).
 *
 * @param file the JSONL pool, relative to the config file; {@code null} when none is configured
 * @param k personas retrieved per topic (AIDE: 5); 0 turns persona paths off
 * @param minSimilarity drop personas whose cosine similarity to the topic is below this; {@code null} keeps the true
 *     top-k (the paper); AIDE's public code used 0.75
 */
public record PersonasConfig(
    @JsonPropertyDescription("persona pool, JSONL lines {\"persona\": ...}") String file,
    @JsonPropertyDescription("personas retrieved per topic (0 = none)") Integer k,
    @JsonProperty("min_similarity") @JsonPropertyDescription("lowest cosine similarity kept (unset = plain top-k)")
        Double minSimilarity) {

  /** Fills the default k and checks ranges. */
  public PersonasConfig {
    k = k == null ? 5 : k;
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative: " + k);
    }
    if (minSimilarity != null && !(minSimilarity >= -1 && minSimilarity <= 1)) {
      throw new IllegalArgumentException("min_similarity must be in [-1, 1]: " + minSimilarity);
    }
  }

  /** @return the similarity floor for {@link PersonaPool#topK(String, int, double)} */
  public double minScore() {
    return minSimilarity == null ? Double.NEGATIVE_INFINITY : minSimilarity;
  }
}
