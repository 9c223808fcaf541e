package io.synthkit.spi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;



/**
 * Runs model-written Python with no access to files, network, processes or the host, under a wall-clock limit and caps
 * on output and memory. Used by DataGen's code-based math verification and ReverseGen's math oracle.
 *
 * <p>The implementation lives in module {@code synthkit-sandbox-graalpy} (GraalPy inside the JVM) and is found through
 * {@link SandboxProvider}. Implementations are thread-safe: concurrent calls run in separate contexts.
 */
public interface CodeSandbox extends AutoCloseable {

  /**
   * Runs a program and reports what it printed and the value of one variable.
   *
   * @param code the Python source
   * @param limits time, output and memory caps
   * @param resultVariable the global variable whose final value to return (for example {@code answer}), or
   *     {@code null} to return none
   * @return the outcome; never throws for a fault of the program itself
   */
  ExecutionResult run(String code, SandboxLimits limits, @Nullable String resultVariable);

  /** Releases the engine. */
  @Override
  void close();

  /**
   * Caps for one sandboxed execution.
   *
   * @param wallClock the longest the program may run; it is stopped, not abandoned, when the time is up
   * @param maxOutputBytes the most stdout plus stderr the program may write
   * @param maxMemoryBytes the most memory the program may allocate (enforced as well as the runtime allows; see the
   *     implementation's documentation)
   */
  public record SandboxLimits(Duration wallClock, long maxOutputBytes, long maxMemoryBytes) {

    /** Two seconds, 64 KiB of output, 256 MiB of memory. */
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(2), 64 * 1024, 256L << 20);

    /** Validates the caps. */
    public SandboxLimits {
      if (wallClock.isNegative() || wallClock.isZero()) {
        throw new IllegalArgumentException("wallClock must be positive: " + wallClock);
      }
      if (maxOutputBytes <= 0) {
        throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
      }
      if (maxMemoryBytes <= 0) {
        throw new IllegalArgumentException("maxMemoryBytes must be positive: " + maxMemoryBytes);
      }
    }
  }

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
    record Ok(String stdout, @Nullable String value) implements ExecutionResult {}

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
}
