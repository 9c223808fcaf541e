package io.synthkit.method.advisor;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * Sampling per Data Advisor step ({@code sampling:} in the {@code data-advisor:} section). Defaults follow the
 * reference code (methods.md §1.2, §1.5): weakness T 0.9 / top_p 0.95, generation T 0.9 / top_p 0.95 / 512 tokens,
 * summary T 0 / top_p 0.95 / 4096 tokens, response T 0 / top_p 1 / 256 tokens. The weakness limit is ours: the
 * reference allowed 32 tokens for one free-text line; a JSON object with the concept and a one-sentence rationale
 * needs about 60, so the default is 128. Immutable.
 *
 * @param weakness identify-weakness call (advisor role)
 * @param generation advised generation calls (generator role)
 * @param summary summary-update and bootstrap calls (advisor role)
 * @param response response calls (responder role)
 */
public record AdvisorSampling(
    @JsonPropertyDescription("identify weakness (default T 0.9, top_p 0.95, 128 tokens)") StepSampling weakness,
    @JsonPropertyDescription("advised generation (default T 0.9, top_p 0.95, 512 tokens)") StepSampling generation,
    @JsonPropertyDescription("summary update (default T 0, top_p 0.95, 4096 tokens)") StepSampling summary,
    @JsonPropertyDescription("responder (default T 0, top_p 1, 256 tokens; preset may change the limit)")
        StepSampling response) {

  /** Default response token limit, from the reference's response_generation.py. */
  static final int RESPONSE_MAX_TOKENS = 256;

  /** Fills every unset value with its default, except the response limit, which depends on the preset. */
  public AdvisorSampling {
    weakness = StepSampling.fill(weakness, 0.9, 0.95, 128);
    generation = StepSampling.fill(generation, 0.9, 0.95, 512);
    summary = StepSampling.fill(summary, 0.0, 0.95, 4096);
    response = StepSampling.fill(response, 0.0, 1.0, null);
  }

  /**
   * Fills the response token limit unless the user set one.
   *
   * @param given the user's section, or {@code null}
   * @param responseMaxTokens the preset's limit (256, the reference's, when the preset has none)
   * @return the complete sampling
   */
  // The compact constructor replaces each null step with its defaults, which NullAway cannot see.
  @SuppressWarnings("NullAway")
  static AdvisorSampling complete(@Nullable AdvisorSampling given, int responseMaxTokens) {
    AdvisorSampling g = given == null ? new AdvisorSampling(null, null, null, null) : given;
    return new AdvisorSampling(g.weakness, g.generation, g.summary,
        StepSampling.fill(g.response, 0.0, 1.0, responseMaxTokens));
  }
}
