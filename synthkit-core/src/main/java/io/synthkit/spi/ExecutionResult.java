package io.synthkit.spi;

/**
 * The outcome of one sandboxed run: either it finished ({@link Ok}) or it failed for a typed reason
 * ({@link Failed}).
 */
public sealed interface ExecutionResult {

  /**
   * Returns everything the program printed to stdout (possibly truncated at the output cap for a failure).
   *
   * @return the captured stdout
   */
  String stdout();

  /**
   * A program that ran to completion.
   *
   * @param stdout what it printed
   * @param value the string form of the requested result variable, or {@code null} if none was requested or it was
   *     not defined
   */
  record Ok(String stdout, String value) implements ExecutionResult {}

  /**
   * A program that did not complete.
   *
   * @param kind why it failed
   * @param message the Python error or the limit that was hit, suitable to feed back to a model
   * @param stdout what it printed before failing
   */
  record Failed(Kind kind, String message, String stdout) implements ExecutionResult {}

  /** Why a program failed. */
  enum Kind {
    /** The source does not parse. */
    SYNTAX,
    /** It raised an exception (including one raised because the sandbox denied an operation). */
    RUNTIME,
    /** It ran past the wall-clock limit and was stopped. */
    TIMEOUT,
    /** It exceeded the output or memory cap. */
    LIMIT
  }
}
