package io.synthkit.spi;

/**
 * One model call failed through every retry (rate limits, server errors, timeouts, broken replies) while the endpoint
 * as a whole still works: the call's item is rejected with the attempts and the last error, and the run goes on. When
 * the endpoint itself is down, the run stops with an {@link EndpointException} instead.
 */
public final class CallFailedException extends ItemFailedException {
  private static final long serialVersionUID = 1L;

  private final int attempts;
  private final String lastError;

  /**
   * Creates the exception.
   *
   * @param endpoint which endpoint, for the message
   * @param attempts how many times the call was sent
   * @param lastError the last failure, e.g. {@code HTTP 503: overloaded}
   */
  public CallFailedException(String endpoint, int attempts, String lastError) {
    super("call_failed", "gave up on " + endpoint + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        + "; last error: " + lastError);
    this.attempts = attempts;
    this.lastError = lastError;
  }

  /**
   * Returns how many times the call was sent.
   *
   * @return the attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * Returns the last failure.
   *
   * @return for example {@code HTTP 503: overloaded}
   */
  public String lastError() {
    return lastError;
  }
}
