package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CodeSandbox} for model-written Python on GraalPy, used by DataGen's code-based math verification and
 * ReverseGen's math oracle. Every snippet runs in a fresh GraalPy context under {@code SandboxPolicy.CONSTRAINED}: no
 * file system, network, processes, threads, native code or Java host access; stdout and stderr are captured and capped.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link #create()} / {@link #builder()}: snippets run in a small pool of worker JVMs, each with its own
 *       {@code -Xmx} derived from {@link SandboxLimits#maxMemoryBytes()}. This is the hard isolation: a memory bomb
 *       exhausts only the worker's heap (and is stopped as soon as it holds more than its limit: the worker samples
 *       its heap every 20 ms), and a worker that does not answer within the wall clock plus a grace period
 *       (a long builtin such as {@code sum(range(10**12))} ignores cancellation) is killed and replaced. The worker's
 *       environment is emptied, so it never sees the parent's secrets.
 *   <li>{@link #inProcess()}: the same runner inside this JVM. Under a millisecond faster per snippet (2.0 against
 *       2.7 ms median, SandboxBench) and no worker JVMs, but weaker: memory is only bounded by this JVM's heap, and an
 *       uncancellable builtin keeps a thread busy after its {@code TIMEOUT} has been reported. Use it for trusted
 *       inputs, tests and benchmarks.
 * </ul>
 *
 * <p>Costs (2 cores, JDK 25): cold start 5–10 s; a fresh context per snippet costs ~35 ms of CPU, prepared while the
 * caller is idle, plus ~150 ms per pure-Python module the snippet imports (for example {@code fractions}).
 *
 * <p>Thread-safe: concurrent {@link #run} calls go to different workers or queue for one (worker mode), or run in
 * separate contexts (in-process). Create one per application run and {@link #close()} it.
 */
public final class GraalPySandbox implements CodeSandbox {
  private final CodeSandbox delegate;

  private GraalPySandbox(CodeSandbox delegate) {
    this.delegate = delegate;
  }

  /**
   * Creates a worker-backed sandbox with the default settings (2 workers, 256 MiB heap headroom). The workers start in
   * the background; the first run waits for one (a few seconds).
   *
   * @return the sandbox
   */
  public static GraalPySandbox create() {
    return builder().build();
  }

  /**
   * Starts configuring a worker-backed sandbox.
   *
   * @return a builder with the defaults
   */
  public static GraalPySandboxBuilder builder() {
    return new GraalPySandboxBuilder();
  }

  /**
   * Creates an in-process sandbox (weaker isolation; see the class documentation). Blocks for GraalPy's cold start
   * (seconds) so that no snippet's wall clock pays for it.
   *
   * @return the sandbox
   */
  public static GraalPySandbox inProcess() {
    return new GraalPySandbox(new InProcessSandbox(GraalPySandboxBuilder.DEFAULT_KILL_GRACE,
        GraalPySandboxBuilder.DEFAULT_PRELOAD, GraalPySandboxBuilder.DEFAULT_CONTEXTS_PER_ENGINE));
  }

  static GraalPySandbox of(CodeSandbox delegate) {
    return new GraalPySandbox(delegate);
  }

  /**
   * Runs a program and reports what it printed and the value of one variable.
   *
   * @param code the Python source
   * @param limits the wall clock, output and memory caps
   * @param resultVariable the global whose {@code str()} to return, for example {@code answer}; or {@code null}
   * @return {@code Ok}, or {@code Failed} with {@code SYNTAX}, {@code RUNTIME} (the Python error and line),
   *     {@code TIMEOUT} or {@code LIMIT} (output, memory, or a worker that died)
   * @throws IllegalArgumentException if {@code resultVariable} is not a Python identifier
   * @throws IllegalStateException if the sandbox is closed
   */
  @Override
  public ExecutionResult run(String code, SandboxLimits limits, @Nullable String resultVariable) {
    return delegate.run(code, limits, resultVariable);
  }

  /** Stops the workers (or the in-process engine). Runs still executing are cancelled. */
  @Override
  public void close() {
    delegate.close();
  }

}
