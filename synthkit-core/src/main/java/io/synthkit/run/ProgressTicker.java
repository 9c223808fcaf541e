package io.synthkit.run;

import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.RunListener.RunProgress;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the run's progress as data and hands snapshots to the run's listener twice a second, at every step change and
 * at the end; the listener decides how (and how often) to show them. The current step's counter advances as model
 * calls finish against the calls the method planned for it (or, for steps without a plan, as the pieces of its
 * outermost {@code parallel} finish). It also times the steps ({@link StepClock}). Thread-safe.
 */
final class ProgressTicker implements AutoCloseable {

  private static final long PERIOD_MS = 500;

  /** The current step: its name and detail, the calls planned for it, and the calls finished when it began. */
  private record Step(String name, String detail, int planned, long callsAtStart) {
    String text() {
      return detail.isEmpty() ? name : name + " · " + detail;
    }
  }

  /** Slow one-off work under way; closing it ends the notice (idempotent). */
  interface Activity extends AutoCloseable {
    @Override
    void close();
  }

  private final RunListener listener;
  private final DatasetSink sink;
  private final UsageMeter meter;
  private final RetryWaits waits;
  private final StepClock clock;
  private final long startNanos = System.nanoTime();
  private final int startAccepted;
  private final long startRealCalls;
  private final ScheduledExecutorService timer;
  private volatile Step step;
  private final AtomicInteger piecesDone = new AtomicInteger();
  private final AtomicInteger piecesTotal = new AtomicInteger();
  /** Parallel sections running; only the outermost one counts pieces (a node's branches must not reset its hop). */
  private final AtomicInteger parallelDepth = new AtomicInteger();
  private final Map<String, Long> activities = new LinkedHashMap<>();
  private volatile java.util.function.Supplier<String> batches = () -> "";

  ProgressTicker(RunListener listener, DatasetSink sink, UsageMeter meter, RetryWaits waits, StepClock clock) {
    this.listener = listener;
    this.waits = waits;
    this.sink = sink;
    this.meter = meter;
    this.clock = clock;
    this.startAccepted = sink.accepted();
    this.startRealCalls = realCalls(meter.total());
    this.step = new Step("starting", "", 0, callsDone(meter.total()));
    clock.enter("starting", startNanos);
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

  /** A step without a stable name or a plan (the {@code status(text)} of methods that say no more). */
  void status(String text) {
    step(text, "", 0);
  }

  /**
   * The method enters a step.
   *
   * @param name the step's stable name (what the step times add up under)
   * @param detail what is particular to this time, or empty
   * @param plannedCalls the model calls the step expects to make, or 0 when it cannot say
   */
  void step(String name, String detail, int plannedCalls) {
    long now = System.nanoTime();
    clock.enter(name, now);
    step = new Step(name, detail, Math.max(0, plannedCalls), callsDone(meter.total()));
    piecesDone.set(0);
    piecesTotal.set(0);
    listener.progress(snapshot(false));
  }

  /** The method returned: no step runs any more (the step times stop here). */
  void stopClock() {
    clock.stop(System.nanoTime());
  }

  /** Shows how the run ended (not a step: it is not timed). */
  void outcome(String text) {
    step = new Step(text, "", 0, callsDone(meter.total()));
    piecesDone.set(0);
    piecesTotal.set(0);
  }

  /**
   * A section of concurrent work begins; when it is the outermost one, its {@code pieces} are the step's counter
   * (unless the step planned calls).
   *
   * @return true when this section counts pieces: pass it to {@link #pieceDone} and {@link #sectionEnd}
   */
  boolean sectionStart(int pieces) {
    boolean outermost = parallelDepth.getAndIncrement() == 0;
    if (outermost) {
      piecesDone.set(0);
      piecesTotal.set(pieces);
    }
    return outermost;
  }

  void pieceDone(boolean counts) {
    if (counts) {
      piecesDone.incrementAndGet();
    }
  }

  void sectionEnd() {
    parallelDepth.decrementAndGet();
  }

  /**
   * Slow one-off work begins (starting the sandbox, loading a model): shown while it lasts, timed when it ends.
   *
   * @param label e.g. {@code starting the Python sandbox}
   * @return closes when the work is done
   */
  Activity activity(String label) {
    long began = System.nanoTime();
    synchronized (activities) {
      activities.put(label, began);
    }
    listener.progress(snapshot(false));
    java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      synchronized (activities) {
        activities.remove(label);
      }
      clock.oneOff(label, (System.nanoTime() - began) / 1e9);
      listener.progress(snapshot(false));
    };
  }

  StepClock clock() {
    return clock;
  }

  RunProgress snapshot(boolean finished) {
    long now = System.nanoTime();
    Usage usage = meter.total();
    int accepted = sink.accepted();
    int target = sink.target();
    Step s = step;
    int done;
    int total;
    if (s.planned() > 0) {
      // A plan is an estimate (improvements and re-asks come on top): past it, the calls under way extend it.
      done = (int) (callsDone(usage) - s.callsAtStart());
      total = Math.max(s.planned(), done + meter.inFlight());
    } else if (piecesTotal.get() > 0) {
      total = piecesTotal.get();
      done = Math.min(total, piecesDone.get());
    } else { // neither a plan nor pieces (a quality screen's calls, say): the calls finished still show it moving
      total = 0;
      done = (int) (callsDone(usage) - s.callsAtStart());
    }
    Duration elapsed = Duration.ofNanos(now - startNanos);
    long remaining = remainingCalls(usage, accepted, target, total - done);
    long ranThisSession = realCalls(usage) - startRealCalls;
    Duration eta = null;
    if (remaining >= 0 && ranThisSession > 0 && accepted < target) {
      double perCall = elapsed.toNanos() / (double) ranThisSession;
      eta = Duration.ofNanos((long) (remaining * perCall));
    }
    String batch = batches.get();
    String stepText = batch.isEmpty() ? s.text() : s.text() + " · " + batch;
    return new RunProgress(accepted, target, sink.rejected(), accepted - startAccepted, usage, stepText, done, total,
        meter.inFlight(), remaining < 0 ? 0 : callsDone(usage) + remaining, eta, activity(now),
        waits.note(Instant.now()), elapsed, finished);
  }

  /**
   * The calls still to make: the records still needed at the run's calls per record so far, but at least what is
   * left of the current step's plan; -1 until a record is accepted (before that, calls per record are unknown: the
   * step's counter shows the run moving).
   */
  private static long remainingCalls(Usage usage, int accepted, int target, int leftInStep) {
    if (accepted == 0) {
      return -1;
    }
    long byRecords = Math.round(Math.max(0, target - accepted) * (callsDone(usage) / (double) accepted));
    return Math.max(byRecords, leftInStep);
  }

  /** Calls finished: answered, replayed or failed for good (what {@link RunProgress#callsDone()} counts). */
  private static long callsDone(Usage u) {
    return u.calls() + u.cacheHits() + u.failures();
  }

  /** Calls that went to a server: the rate at which the run advances (cache replays take no time). */
  private static long realCalls(Usage u) {
    return u.calls() + u.failures();
  }

  private @Nullable String activity(long now) {
    synchronized (activities) {
      if (activities.isEmpty()) {
        return null;
      }
      Map.Entry<String, Long> first = activities.entrySet().iterator().next();
      return first.getKey() + "… " + Math.round((now - first.getValue()) / 1e9) + "s";
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    listener.progress(snapshot(true));
  }
}
