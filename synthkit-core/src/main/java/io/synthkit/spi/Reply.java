package io.synthkit.spi;

import java.util.List;

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
  record Ok<T>(T value, String raw) implements Reply<T> {}

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
}
