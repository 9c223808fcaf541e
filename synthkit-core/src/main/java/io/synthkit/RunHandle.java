package io.synthkit;

import io.synthkit.spi.RunResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A run in progress on its own thread. {@link #cancel()} interrupts it; the run then stops its calls, writes an
 * {@code interrupted} manifest and returns normally, so a Ctrl-C never leaves a run without its manifest.
 */
public final class RunHandle {

  private final Thread thread;
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();

  private RunHandle(Supplier<RunResult> work) {
    this.thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "synthkit-run");
  }

  static RunHandle start(Supplier<RunResult> work) {
    RunHandle h = new RunHandle(work);
    h.thread.start();
    return h;
  }

  /**
   * Waits for the run to end.
   *
   * @return the result
   */
  public RunResult await() {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      return result.join();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Interrupts the run and waits (up to {@code seconds}) for it to write its manifest.
   *
   * @param seconds how long to wait
   * @return true when the run ended in time
   */
  public boolean cancel(long seconds) {
    thread.interrupt();
    try {
      result.get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /** Interrupts the run and waits up to 15 seconds for it to end. */
  public void cancel() {
    cancel(15);
  }

  /** @return true once the run has ended */
  public boolean done() {
    return result.isDone();
  }
}
