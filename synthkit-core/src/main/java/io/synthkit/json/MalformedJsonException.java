package io.synthkit.json;

import io.synthkit.spi.ItemFailedException;

/**
 * Thrown when a model reply holds no usable JSON. The {@link Reason} lets callers count failures by kind and decide
 * whether a re-ask can help (a truncated reply needs more tokens, not a reminder of the schema).
 */
public final class MalformedJsonException extends ItemFailedException {
  private static final long serialVersionUID = 1L;

  /** Why the reply was rejected. */
  public enum Reason {
    /** The reply was empty. */
    EMPTY,
    /** No JSON object or array was found. */
    NOT_FOUND,
    /** The JSON was cut off (usually the token limit). */
    TRUNCATED,
    /** Brackets balance but the text is still not JSON. */
    SYNTAX
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason the kind of failure
   * @param message a precise description, suitable to show the model in a re-ask
   */
  public MalformedJsonException(Reason reason, String message) {
    super("parse", message);
    this.reason = reason;
  }

  /**
   * Returns the kind of failure.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
