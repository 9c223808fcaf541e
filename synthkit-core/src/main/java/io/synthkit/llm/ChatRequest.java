package io.synthkit.llm;

import io.synthkit.spi.Prompt;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.Schema;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A provider-neutral chat request, resolved and ready for an adapter to encode.
 *
 * @param model the model id
 * @param prompt the conversation
 * @param sampling the final sampling values
 * @param schema the requested JSON shape, or {@code null} for free text
 * @param mode how JSON is requested (never {@link StructuredMode#AUTO} here)
 * @param n how many replies to sample
 * @param extraBody vendor fields copied into the request body
 * @param reasoningEffort a reasoning model's effort ({@code low}, {@code medium}, {@code high}, ...), or {@code null}
 */
public record ChatRequest(@Nullable String model, Prompt prompt, Sampling sampling, @Nullable Schema schema,
    StructuredMode mode, int n, Map<String, Object> extraBody, @Nullable String reasoningEffort) {

  /** Checks n. */
  public ChatRequest {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
  }

  /**
   * Returns a copy with another n.
   *
   * @param count the number of replies
   * @return the copy
   */
  public ChatRequest withN(int count) {
    return new ChatRequest(model, prompt, sampling, schema, mode, count, extraBody, reasoningEffort);
  }
}
