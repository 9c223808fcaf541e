package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place in a {@link WorkerPool}: the current worker (possibly still starting) and the rules for replacing it. A
 * worker is replaced when it misses its deadline (killed: the in-worker cancel failed, e.g. inside
 * {@code sum(range(10**12))}), when it dies (out of memory or killed from outside), or when a run needs a different
 * heap size.
 *
 * <p>Not thread-safe for {@link #run}: the pool hands a slot to one caller at a time. {@link #kill} may be called
 * concurrently by {@code close}.
 */
final class WorkerSlot {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerSlot.class);

  private final WorkerPool pool;
  private volatile CompletableFuture<WorkerProcess> worker;

  /** Starts the slot's first worker in the background. */
  WorkerSlot(WorkerPool pool, long heapBytes) {
    this.pool = pool;
    this.worker = launch(pool, heapBytes);
  }

  /** Starts a replacement worker in the background. */
  void startAsync(long heapBytes) {
    worker = launch(pool, heapBytes);
  }

  private static CompletableFuture<WorkerProcess> launch(WorkerPool pool, long heapBytes) {
    try {
      return CompletableFuture.supplyAsync(() -> pool.launch(heapBytes), pool.starter());
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("sandbox is closed"));
    }
  }

  /**
   * Runs one request on this slot's worker, replacing the worker when needed.
   *
   * @param request the snippet
   * @param limits its caps (the wall clock bounds the wait; the memory cap picks the heap)
   * @return the outcome
   */
  ExecutionResult run(WorkerRequest request, SandboxLimits limits) {
    WorkerProcess current = ready(pool.settings().heapFor(limits));
    WorkerResponse response;
    try {
      response = current.call(request, pool.settings().startupTimeout(),
          limits.wallClock().plus(pool.settings().killGrace()));
    } catch (InterruptedException e) {
      // The worker is still busy with this snippet; a fresh one is simpler than draining the stale answer.
      replace(current);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a snippet", e);
    }
    if (response == WorkerProcess.TIMED_OUT) {
      replace(current);
      return new Failed(Kind.TIMEOUT, "timed out: the program ran longer than the wall-clock limit of "
          + PythonRunner.describe(limits.wallClock()) + " and was killed", "");
    }
    if (response == WorkerProcess.DIED) {
      if (pool.isClosed()) {
        throw new IllegalStateException("sandbox is closed");
      }
      String exit = current.describeExit();
      replace(current);
      if (exit.startsWith("exit code " + PythonRunner.MEMORY_HALT_EXIT)) {
        return new Failed(Kind.LIMIT, "memory limit: the program held more than "
            + (limits.maxMemoryBytes() >> 20) + " MiB inside one builtin and its worker was stopped", "");
      }
      LOG.warn("GraalPy worker {} died while running a snippet ({})", current.pid(), exit);
      return new Failed(Kind.LIMIT, "the program crashed the sandbox worker, most likely by exhausting its memory "
          + "(heap limit " + (current.heapBytes() >> 20) + " MiB)", "");
    }
    return response.toResult();
  }

  long pid() {
    Future<WorkerProcess> future = worker;
    return future.state() == Future.State.SUCCESS ? future.resultNow().pid() : -1;
  }

  void kill() {
    worker.thenAccept(WorkerProcess::kill);
  }

  private void replace(WorkerProcess current) {
    current.kill();
    startAsync(current.heapBytes());
  }

  private WorkerProcess ready(long heapBytes) {
    WorkerProcess current = await();
    if (current.heapBytes() != heapBytes || !current.isAlive()) {
      // A different memory limit needs a different -Xmx: restart (seconds). Runs usually keep one limit.
      current.kill();
      startAsync(heapBytes);
      current = await();
    }
    return current;
  }

  private WorkerProcess await() {
    try {
      return worker.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a GraalPy worker", e);
    } catch (ExecutionException e) {
      // Try again on the next call instead of failing forever after one slow start.
      if (!pool.isClosed()) {
        startAsync(pool.settings().heapFor(pool.settings().warmLimits()));
      }
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("GraalPy worker failed to start", e.getCause());
    }
  }
}
