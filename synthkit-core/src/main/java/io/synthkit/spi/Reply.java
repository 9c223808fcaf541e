package io.synthkit.spi;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.function.Supplier;

/**
 * The outcome of one structured reply: a value that matched the schema, or an invalid reply with the reason and the
 * raw text (kept for {@code rejected.jsonl}).
 *
 * @param <T> the requested type
 */
public sealed interface Reply<T> {

  /**
   * Returns the model's raw text (after the last repair, if any).
   *
   * @return the raw reply
   */
  String raw();

  /**
   * A reply that parsed and matched the schema.
   *
   * @param value the bound value
   * @param raw the raw text
   * @param <T> the requested type
   */
  record Ok<T>(T value, @Nullable String raw) implements Reply<T> {}

  /**
   * A reply that did not, even after the allowed re-asks.
   *
   * @param reason a one-line summary, e.g. "truncated" or "schema: /answer: integer expected"
   * @param errors every validation error
   * @param raw the raw text
   * @param <T> the requested type
   */
  record Invalid<T>(String reason, List<String> errors, String raw) implements Reply<T> {}

  /**
   * Returns the value or throws.
   *
   * @return the value of an {@link Ok}
   * @throws InvalidReplyException for an {@link Invalid}
   */
  default T orThrow() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    Invalid<T> bad = (Invalid<T>) this;
    throw new InvalidReplyException(bad.reason(), bad.raw());
  }

  /**
   * Runs a structured call and turns an item failure (a call that failed through every retry, a prompt over the
   * context window) into an invalid reply whose reason starts with the failure's step. For callers outside a run
   * (evaluation judges, benchmarks) that treat a failed call like an unusable answer; methods instead let the failure
   * reject its item under its own step.
   *
   * @param call the call
   * @param <T> the type
   * @return the call's reply, or an invalid one for a failure
   */
  static <T> Reply<T> catching(Supplier<Reply<T>> call) {
    try {
      return call.get();
    } catch (ItemFailedException e) {
      return new Invalid<>(e.step() + ": " + e.getMessage(), List.of(e.getMessage()), "");
    }
  }
}
