package io.synthkit.sim;

/**
 * Thrown by the request checks to stop at the first problem with the error to send. Carries no stack trace: it is
 * control flow, not a failure of the simulator.
 */
final class Rejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ApiError error;

  Rejected(ApiError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
