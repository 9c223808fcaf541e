package io.synthkit.sandbox.graalpy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops a program as soon as the heap it holds passes its memory limit, instead of letting it fill the worker's
 * {@code -Xmx}: near a full heap the JVM spends 14–26 s collecting before a memory bomb finally fails (measured by the
 * reliability audit, issue 19), while a sample every {@value #PERIOD_MILLIS} ms catches it within a few hundred MiB
 * of allocation.
 *
 * <p>The sample reads the heap in use, which includes garbage; only when that passes the threshold does the watch
 * force a collection and compare what survived, so a program that churns through short-lived objects is never stopped
 * for its garbage. Collections are at most one per {@value #MIN_GC_GAP_MILLIS} ms for the same reason. The threshold
 * is the engine's own live heap (measured once, after warm-up) plus the program's limit.
 *
 * <p>Thread-safe: {@link #watch} may be called from any thread; each call has its own state.
 */
final class MemoryWatch {
  static final long PERIOD_MILLIS = 20;
  private static final long MIN_GC_GAP_MILLIS = 500;

  private final long baselineBytes;

  /** Measures the engine's live heap; call it once the engine is warm. */
  MemoryWatch() {
    System.gc();
    this.baselineBytes = used();
  }

  /**
   * Starts watching one program.
   *
   * @param limitBytes the most heap the program may hold on top of the engine's
   * @param scheduler runs the samples
   * @param onBreach called once, on the scheduler's thread, when the program holds more than its limit
   * @return the sampling task; cancel it when the program ends
   */
  ScheduledFuture<?> watch(long limitBytes, ScheduledExecutorService scheduler, Runnable onBreach) {
    long threshold = baselineBytes + limitBytes;
    AtomicBoolean fired = new AtomicBoolean();
    long[] lastGc = {0};
    return scheduler.scheduleWithFixedDelay(() -> {
      if (fired.get() || used() <= threshold) {
        return;
      }
      long now = System.nanoTime();
      if (now - lastGc[0] < TimeUnit.MILLISECONDS.toNanos(MIN_GC_GAP_MILLIS)) {
        return;
      }
      lastGc[0] = now;
      System.gc();
      if (used() > threshold && fired.compareAndSet(false, true)) {
        onBreach.run();
      }
    }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
