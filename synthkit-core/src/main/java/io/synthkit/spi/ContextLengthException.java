package io.synthkit.spi;

/**
 * The server refused one request because the prompt (plus max_tokens) exceeds the model's context window. This is a
 * property of one item, not of the endpoint, so methods reject the item and go on.
 */
public final class ContextLengthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the server's explanation
   */
  public ContextLengthException(String message) {
    super(message);
  }
}
