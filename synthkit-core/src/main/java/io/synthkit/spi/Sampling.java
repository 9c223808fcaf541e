package io.synthkit.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sampling parameters for one call. Every field is optional: {@code null} means "not set here", so that call-site
 * values, role settings and provider defaults can be layered with {@link #over(Sampling)}.
 *
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass, 0 to 1
 * @param maxTokens the most tokens the reply may have
 * @param seed the provider-side seed, where supported (OpenAI, vLLM)
 * @param stop stop sequences
 */
public record Sampling(@Nullable Double temperature, @Nullable Double topP, @Nullable Integer maxTokens,
    @Nullable Long seed, @Nullable List<String> stop) {

  /** Nothing set. */
  public static final Sampling NONE = new Sampling(null, null, null, null, null);

  /** Checks ranges and copies the stop list. */
  public Sampling {
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException("temperature must be in [0, 2]: " + temperature);
    }
    if (topP != null && (topP < 0 || topP > 1)) {
      throw new IllegalArgumentException("top_p must be in [0, 1]: " + topP);
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("max_tokens must be positive: " + maxTokens);
    }
    stop = stop == null ? null : List.copyOf(stop);
  }

  /**
   * Sampling with a temperature and top_p.
   *
   * @param temperature the temperature
   * @param topP the top_p
   * @return the sampling
   */
  public static Sampling of(double temperature, double topP) {
    return new Sampling(temperature, topP, null, null, null);
  }

  /**
   * Sampling with a temperature, top_p and token limit.
   *
   * @param temperature the temperature
   * @param topP the top_p
   * @param maxTokens the token limit
   * @return the sampling
   */
  public static Sampling of(double temperature, double topP, int maxTokens) {
    return new Sampling(temperature, topP, maxTokens, null, null);
  }

  /**
   * Layers this sampling over a base: fields set here win, unset fields come from {@code base}.
   *
   * @param base the fallback values
   * @return the combined sampling
   */
  public Sampling over(Sampling base) {
    return new Sampling(
        temperature != null ? temperature : base.temperature,
        topP != null ? topP : base.topP,
        maxTokens != null ? maxTokens : base.maxTokens,
        seed != null ? seed : base.seed,
        stop != null ? stop : base.stop);
  }

  /**
   * Returns a copy with another token limit.
   *
   * @param tokens the new limit
   * @return the copy
   */
  public Sampling withMaxTokens(int tokens) {
    return new Sampling(temperature, topP, tokens, seed, stop);
  }
}
