package io.synthkit.spi;

import org.jspecify.annotations.Nullable;

/**
 * The one unchecked base exception of synthkit. Subtypes carry the data a caller needs to react (the config key, the
 * endpoint status, the remaining budget) and map to the CLI's exit codes through {@link #exitCode()}.
 *
 * <p>A {@code SynthkitException} always describes a condition a user can act on; its message is shown as is, without a
 * stack trace. Bugs surface as other runtime exceptions.
 */
public class SynthkitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code for usage, configuration and input errors. */
  public static final int EXIT_USAGE = 2;
  /** Exit code when a model endpoint cannot be used (auth, unknown model, unreachable after retries). */
  public static final int EXIT_ENDPOINT = 3;
  /** Exit code when the configured budget is exhausted. */
  public static final int EXIT_BUDGET = 4;
  /** Exit code when a run ends short of its target (it can be resumed or extended). */
  public static final int EXIT_INCOMPLETE = 5;
  /** Exit code when the run directory cannot be written or read (disk full, permissions, damaged state). */
  public static final int EXIT_STORAGE = 6;
  /** Exit code for internal errors. */
  public static final int EXIT_INTERNAL = 1;

  private final int exitCode;

  /**
   * Creates an exception with a user-facing message.
   *
   * @param message what went wrong and, where possible, what to do about it
   * @param exitCode the process exit code the CLI uses for it
   */
  public SynthkitException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates an exception with a user-facing message and a cause kept for debugging.
   *
   * @param message what went wrong
   * @param exitCode the process exit code the CLI uses for it
   * @param cause the underlying failure
   */
  public SynthkitException(String message, int exitCode, @Nullable Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * Returns the exit code the CLI uses for this failure.
   *
   * @return 1 to 6
   */
  public int exitCode() {
    return exitCode;
  }

  /**
   * A usage, configuration or input error (exit 2).
   *
   * @param message names the file, key or line and what is allowed
   * @return the exception
   */
  public static SynthkitException input(String message) {
    return new SynthkitException(message, EXIT_USAGE);
  }

  /**
   * A usage, configuration or input error (exit 2) with its cause.
   *
   * @param message names the file, key or line and what is allowed
   * @param cause the underlying failure
   * @return the exception
   */
  public static SynthkitException input(String message, Throwable cause) {
    return new SynthkitException(message, EXIT_USAGE, cause);
  }
}
