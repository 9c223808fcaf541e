package io.synthkit.run;

import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.RunListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the run's listener how far the run is, twice a second and once at the end; the listener decides how (and how
 * often) to show it. Thread-safe.
 */
final class ProgressTicker implements AutoCloseable {

  private static final long PERIOD_MS = 500;

  private final RunListener listener;
  private final DatasetSink sink;
  private final UsageMeter meter;
  private final long startNanos = System.nanoTime();
  private final int startAccepted;
  private final ScheduledExecutorService timer;
  private volatile String step = "starting";
  private final RetryWaits waits;
  private final AtomicInteger stepDone = new AtomicInteger();
  private final AtomicInteger stepTotal = new AtomicInteger();
  private volatile java.util.function.Supplier<String> batches = () -> "";

  ProgressTicker(RunListener listener, DatasetSink sink, UsageMeter meter, RetryWaits waits) {
    this.listener = listener;
    this.waits = waits;
    this.sink = sink;
    this.meter = meter;
    this.startAccepted = sink.accepted();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synthkit-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> listener.progress(snapshot(false)), PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Adds the batch jobs' line (e.g. {@code batches 3 (1 running, 2 done)}) to the step, when there are any. */
  void batches(java.util.function.Supplier<String> line) {
    this.batches = line;
  }

  void status(String text) {
    this.step = text;
    stepTotal.set(0);
    stepDone.set(0);
  }

  /** The current step fans out {@code pieces} pieces of concurrent work; {@link #pieceDone()} counts them. */
  void pieces(int pieces) {
    stepDone.set(0);
    stepTotal.set(pieces);
  }

  void pieceDone() {
    stepDone.incrementAndGet();
  }

  private String step() {
    String note = waits.note(Instant.now());
    String batch = batches.get();
    String withBatches = batch.isEmpty() ? step : step + " · " + batch;
    return note == null ? withBatches : withBatches + " · " + note;
  }

  RunProgress snapshot(boolean finished) {
    int accepted = sink.accepted();
    return new RunProgress(accepted, sink.target(), sink.rejected(), accepted - startAccepted, meter.total(), step(),
        stepDone.get(), stepTotal.get(), Duration.ofNanos(System.nanoTime() - startNanos), finished);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    listener.progress(snapshot(true));
  }
}
