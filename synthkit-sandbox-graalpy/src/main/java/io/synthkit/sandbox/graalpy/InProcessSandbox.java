package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs snippets on a GraalPy engine inside this JVM: fast (no process hop) but weaker than {@link WorkerPool}. There is
 * no memory cap beyond this JVM's own heap (a memory bomb raises {@code MemoryError} only when the whole heap is full,
 * and other threads of the application can fail meanwhile), and a snippet stuck in a single long builtin keeps burning
 * one thread until it finishes: the caller gets {@code TIMEOUT} after the wall clock plus a grace period regardless.
 * Thread-safe; each run executes on a pooled daemon thread so the caller's thread is never captured.
 */
final class InProcessSandbox implements CodeSandbox {
  private final PythonRunner runner;
  private final Duration grace;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "graalpy-inprocess");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  /**
   * Creates the engine and pays GraalPy's cold start now (seconds), so no snippet's wall clock does.
   *
   * @param grace how long past the wall clock to wait for a cancelled program before giving up on it
   * @param preload modules imported into each context ahead of the snippet
   * @param contextsPerEngine how many contexts an engine serves before it is replaced
   */
  InProcessSandbox(Duration grace, List<String> preload, int contextsPerEngine) {
    this.grace = grace;
    this.runner = new PythonRunner("the JVM heap of " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB", preload,
        contextsPerEngine);
    runner.warmUp();
  }

  @Override
  public ExecutionResult run(String code, SandboxLimits limits, @Nullable String resultVariable) {
    Objects.requireNonNull(code, "code");
    PythonRunner.requireVariable(resultVariable);
    if (closed) {
      throw new IllegalStateException("sandbox is closed");
    }
    Future<ExecutionResult> future = threads.submit(
        () -> runner.run(code, resultVariable, limits.wallClock(), limits.maxOutputBytes()));
    try {
      ExecutionResult result = future.get(limits.wallClock().plus(grace).toNanos(), TimeUnit.NANOSECONDS);
      threads.execute(this::prepareQuietly);
      return result;
    } catch (TimeoutException e) {
      // The watchdog already cancelled the context; the program is inside a builtin that ignores cancellation.
      return new Failed(Kind.TIMEOUT, "timed out: the program ran longer than the wall-clock limit of "
          + PythonRunner.describe(limits.wallClock()), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new IllegalStateException("interrupted while running a snippet", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sandbox failed: " + e.getCause(), e.getCause());
    }
  }

  private void prepareQuietly() {
    try {
      runner.prepare();
    } catch (RuntimeException e) {
      // Closed meanwhile; the next run builds its own context or fails clearly.
    }
  }

  @Override
  public void close() {
    closed = true;
    threads.shutdownNow();
    runner.close();
  }
}
