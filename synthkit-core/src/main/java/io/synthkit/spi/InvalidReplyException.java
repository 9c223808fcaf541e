package io.synthkit.spi;


/**
 * A structured reply stayed invalid through every re-ask. Methods usually catch it, write the item to
 * {@code rejected.jsonl} with {@link #raw()}, and go on.
 */
public final class InvalidReplyException extends ItemFailedException {
  private static final long serialVersionUID = 1L;

  private final String raw;

  /**
   * Creates the exception.
   *
   * @param reason why the reply is invalid
   * @param raw the model's text
   */
  public InvalidReplyException(String reason, String raw) {
    super("parse", reason);
    this.raw = raw;
  }

  /**
   * Returns the model's raw text.
   *
   * @return the reply text
   */
  public String raw() {
    return raw;
  }
}
