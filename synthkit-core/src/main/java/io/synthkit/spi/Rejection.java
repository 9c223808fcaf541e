package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * One dropped item, as written to {@code rejected.jsonl}: the step that dropped it, why, and what the model said.
 *
 * @param key a unique, deterministic key (so a resumed run does not log it twice)
 * @param step the step that dropped it, e.g. {@code parse}, {@code rouge_filter}, {@code reflection}
 * @param reason a one-line reason with the numbers involved
 * @param item the item as far as it was understood, or {@code null}
 * @param raw the raw model output, or {@code null}
 * @param meta provenance like a record's meta
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(String key, String step, String reason, @Nullable JsonNode item, @Nullable String raw,
    @Nullable ObjectNode meta) {

  /**
   * A rejection without item or raw output.
   *
   * @param key the key
   * @param step the step
   * @param reason the reason
   * @return the rejection
   */
  public static Rejection of(String key, String step, String reason) {
    return new Rejection(key, step, reason, null, null, null);
  }
}
