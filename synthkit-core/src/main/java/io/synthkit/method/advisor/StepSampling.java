package io.synthkit.method.advisor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.spi.Sampling;
import org.jspecify.annotations.Nullable;

/**
 * Sampling of one Data Advisor step ({@code sampling.weakness}, {@code .generation}, {@code .summary},
 * {@code .response}). Unset values take the step's default (see {@link AdvisorSampling}). Immutable.
 *
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass, 0 to 1
 * @param maxTokens reply token limit
 */
public record StepSampling(
    @JsonPropertyDescription("sampling temperature") @Nullable Double temperature,
    @JsonProperty("top_p") @JsonPropertyDescription("nucleus sampling mass") @Nullable Double topP,
    @JsonProperty("max_tokens") @JsonPropertyDescription("reply token limit") @Nullable Integer maxTokens) {

  /** Checks ranges (the same rules as the gateway's). */
  public StepSampling {
    new Sampling(temperature, topP, maxTokens, null, null);
  }

  /**
   * Fills unset values from defaults.
   *
   * @param given the user's values, or {@code null}
   * @param temperature default temperature
   * @param topP default top_p
   * @param maxTokens default token limit, or {@code null} to leave it unset
   * @return the filled sampling
   */
  static StepSampling fill(@Nullable StepSampling given, double temperature, double topP,
      @Nullable Integer maxTokens) {
    StepSampling g = given == null ? new StepSampling(null, null, null) : given;
    return new StepSampling(g.temperature != null ? g.temperature : temperature, g.topP != null ? g.topP : topP,
        g.maxTokens != null ? g.maxTokens : maxTokens);
  }

  /** @return the gateway's sampling record */
  Sampling toSampling() {
    return new Sampling(temperature, topP, maxTokens, null, null);
  }
}
