package io.synthkit.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.InvalidReplyException;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Rejection;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one item's model work: its value, or the {@link ItemFailedException} (a prompt over the context
 * window, a call that failed through its retries, a reply that stayed invalid) that rejects the item while the run
 * goes on. A method wraps each item's work in {@link #of} inside {@link io.synthkit.spi.RunContext#parallel}, so one
 * failed item neither cancels its siblings nor ends the run, and rejects it when it consumes the results in order.
 *
 * @param value the result, or {@code null} when the work failed
 * @param failure why the item failed, or {@code null}
 * @param <T> the result type
 */
public record Attempt<T>(@Nullable T value, @Nullable ItemFailedException failure) {

  /**
   * Runs one item's work.
   *
   * @param work the item's model calls
   * @param <T> the result type
   * @return its result, or the item-level failure it raised (other exceptions propagate)
   */
  public static <T> Attempt<T> of(Supplier<? extends T> work) {
    try {
      return new Attempt<>(work.get(), null);
    } catch (ItemFailedException e) {
      return new Attempt<>(null, e);
    }
  }

  /**
   * Tells whether the work failed.
   *
   * @return true when {@link #failure()} is set
   */
  public boolean failed() {
    return failure != null;
  }

  /**
   * Describes the failed item for {@code rejected.jsonl}.
   *
   * @param key the item's rejection key
   * @param item the item as far as it was understood, or {@code null}
   * @param meta provenance, or {@code null}
   * @return the rejection, under the failure's step
   */
  public Rejection rejection(String key, @Nullable JsonNode item, @Nullable ObjectNode meta) {
    return rejection(Objects.requireNonNull(failure, "only a failed attempt has a rejection"), key, item, meta);
  }

  /**
   * Describes an item that failed for {@code rejected.jsonl}: the failure's step ({@code context_length},
   * {@code call_failed}, {@code parse}) and message, and the model's raw text when there was one.
   *
   * @param failure why the item failed
   * @param key the item's rejection key
   * @param item the item as far as it was understood, or {@code null}
   * @param meta provenance, or {@code null}
   * @return the rejection
   */
  public static Rejection rejection(ItemFailedException failure, String key, @Nullable JsonNode item,
      @Nullable ObjectNode meta) {
    String raw = failure instanceof InvalidReplyException invalid ? invalid.raw() : null;
    return new Rejection(key, failure.step(), String.valueOf(failure.getMessage()), item, raw, meta);
  }
}
