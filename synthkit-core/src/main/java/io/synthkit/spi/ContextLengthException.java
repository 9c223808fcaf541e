package io.synthkit.spi;

/**
 * One request's prompt (plus its max_tokens) exceeds the model's context window, as estimated before sending or as the
 * server said. This is a property of one item, not of the endpoint, so the item is rejected and the run goes on.
 */
public final class ContextLengthException extends ItemFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server's explanation
   */
  public ContextLengthException(String message) {
    super("context_length", message);
  }
}
