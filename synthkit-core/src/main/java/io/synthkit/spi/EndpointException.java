package io.synthkit.spi;


/**
 * A model endpoint cannot be used: authentication failed, the model or URL does not exist, the server rejected the
 * request shape, or it stayed unreachable through every retry. Exit code 3. The message names the endpoint (never the
 * key) and what to check.
 */
public final class EndpointException extends SynthkitException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param status the last HTTP status, or 0 when there was no response
   */
  public EndpointException(String message, int status) {
    super(message, EXIT_ENDPOINT);
    this.status = status;
  }

  /**
   * Returns the last HTTP status.
   *
   * @return the status, or 0 when the server never answered
   */
  public int status() {
    return status;
  }
}
