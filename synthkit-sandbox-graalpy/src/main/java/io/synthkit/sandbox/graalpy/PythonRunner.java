package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Runs Python snippets, each in a fresh {@link Context} from a {@link RecyclingEngine} under
 * {@code SandboxPolicy.CONSTRAINED}: no files, sockets, processes, threads, native code or host lookup. Used inside the
 * worker JVM and by the in-process mode.
 *
 * <p>Why a fresh context per snippet: a reused context runs a snippet in ~0.1 ms, but a program can rebind builtins or
 * patch imported modules and so change the verdict on the next one. A new context on a warm engine costs 60–150 ms,
 * almost all of it initialisation, so {@link #prepare()} builds the next one (and imports any preload modules) while
 * the caller is idle, off the snippet's clock. Importing e.g. {@code fractions} in a fresh context still costs
 * 150–500 ms on 2 cores (the parsed code is shared per engine, but the module body runs again).
 *
 * <p>Wall clock: a watchdog cancels the context ({@code close(true)}) at the deadline; this stops {@code while True:
 * pass} within milliseconds. It does not stop work inside a single long builtin ({@code sum(range(10**12))},
 * {@code 3**(10**8)}), which only a process kill ends; see {@link WorkerPool}. Thread-safe: concurrent runs use separate
 * contexts.
 */
final class PythonRunner implements AutoCloseable {
  /** The file name snippets are compiled under; error messages cite it. */
  static final String SOURCE_NAME = "snippet.py";

  /** The exit code of a worker that halted itself because a program over its memory limit would not stop. */
  static final int MEMORY_HALT_EXIT = 3;

  /** How long a program over its memory limit has to stop after the cancel before its worker halts. */
  private static final long STUCK_AFTER_BREACH_MILLIS = 1000;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static final Pattern MODULE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final RecyclingEngine engines;
  private final String memoryNote;
  private final @Nullable String preloadImport;
  private final AtomicReference<@Nullable Prepared> spare = new AtomicReference<>();
  private final ScheduledThreadPoolExecutor watchdog = newWatchdog();
  private final boolean ownsProcess;
  private volatile @Nullable MemoryWatch memoryWatch;

  /**
   * Builds and warms the first engine (seconds in a cold JVM).
   *
   * @param memoryNote names the memory limit that applies, quoted when a program raises {@code MemoryError}
   * @param preload modules imported into every context before the snippet runs, for example {@code fractions}
   * @param contextsPerEngine how many contexts an engine serves before it is replaced (see {@link RecyclingEngine})
   */
  PythonRunner(String memoryNote, List<String> preload, int contextsPerEngine) {
    this(memoryNote, preload, contextsPerEngine, false);
  }

  /**
   * Builds and warms the first engine; see {@link #PythonRunner(String, List, int)}.
   *
   * @param memoryNote names the memory limit that applies
   * @param preload modules imported into every context
   * @param contextsPerEngine how many contexts an engine serves before it is replaced
   * @param ownsProcess true in a worker JVM: programs are watched against their memory limit (the heap is theirs),
   *     and a program that passed it but cannot be cancelled (one long builtin) halts the process, which the parent
   *     reports as a memory failure and replaces
   */
  PythonRunner(String memoryNote, List<String> preload, int contextsPerEngine, boolean ownsProcess) {
    this.ownsProcess = ownsProcess;
    this.memoryNote = memoryNote;
    for (String module : preload) {
      if (!MODULE.matcher(module).matches()) {
        throw new IllegalArgumentException("not a module name: " + module);
      }
    }
    this.preloadImport = preload.isEmpty() ? null : "import " + String.join(", ", preload);
    this.engines = new RecyclingEngine(contextsPerEngine);
  }

  /**
   * Pays the engine's cold start (seconds: the first context, the preload imports, the first compilations) before any
   * snippet's clock runs, then prepares the first context.
   *
   * @throws IllegalArgumentException if a preload module cannot be imported
   */
  void warmUp() {
    ExecutionResult result = run("answer = 1", "answer", Duration.ofMinutes(10), 1024);
    if (!(result instanceof ExecutionResult.Ok)) {
      throw new IllegalArgumentException("GraalPy warm-up failed: " + ((Failed) result).message());
    }
    if (ownsProcess) {
      memoryWatch = new MemoryWatch();
    }
    prepare();
  }

  /**
   * Creates and initialises the context the next {@link #run} will use, so the snippet does not pay for it. Does
   * nothing when one is ready already.
   */
  void prepare() {
    if (spare.get() != null) {
      return;
    }
    Prepared prepared = newPrepared();
    if (!spare.compareAndSet(null, prepared)) {
      prepared.lease().close();
    }
  }

  /**
   * Runs one snippet in a fresh context.
   *
   * @param code the Python source
   * @param resultVariable the global whose {@code str()} to return, or {@code null}
   * @param wallClock how long the program (and the {@code str()} of the result) may run
   * @param maxOutputBytes the most stdout plus stderr (and result characters) it may produce
   * @return the outcome; never throws for a fault of the program
   */
  ExecutionResult run(String code, @Nullable String resultVariable, Duration wallClock, long maxOutputBytes) {
    return run(code, resultVariable, wallClock, maxOutputBytes, Long.MAX_VALUE);
  }

  /**
   * Runs one snippet in a fresh context, stopping it early when it holds more heap than its memory limit (only in a
   * worker JVM, see {@link #PythonRunner(String, List, int, boolean)}; elsewhere the limit is not watched).
   *
   * @param code the Python source
   * @param resultVariable the global whose {@code str()} to return, or {@code null}
   * @param wallClock how long the program (and the {@code str()} of the result) may run
   * @param maxOutputBytes the most stdout plus stderr (and result characters) it may produce
   * @param maxMemoryBytes the most heap it may hold on top of the engine's
   * @return the outcome; never throws for a fault of the program
   */
  ExecutionResult run(String code, @Nullable String resultVariable, Duration wallClock, long maxOutputBytes,
      long maxMemoryBytes) {
    requireVariable(resultVariable);
    Prepared prepared = spare.getAndSet(null);
    if (prepared == null) {
      prepared = newPrepared();
    }
    Context context = prepared.lease().context();
    OutputCapture capture = prepared.capture();
    AtomicBoolean timedOut = new AtomicBoolean();
    capture.arm(maxOutputBytes, () -> cancel(context));
    ScheduledFuture<?> deadline = watchdog.schedule(() -> {
      timedOut.set(true);
      cancel(context);
    }, wallClock.toNanos(), TimeUnit.NANOSECONDS);
    AtomicBoolean overMemory = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    MemoryWatch memory = memoryWatch;
    ScheduledFuture<?> sampling = memory == null || maxMemoryBytes == Long.MAX_VALUE ? null
        : memory.watch(maxMemoryBytes, watchdog, () -> {
          overMemory.set(true);
          cancel(context);
          haltIfStuck(finished);
        });
    ExecutionResult result;
    try {
      result = evaluate(context, code, resultVariable, capture);
    } catch (PolyglotException e) {
      result = PythonErrors.toFailure(e, capture.stdoutText(), memoryNote);
    } catch (IllegalStateException e) {
      // The watchdog closed the context between two calls into it (for example before reading the result).
      result = new Failed(Kind.TIMEOUT, "the program was stopped", capture.stdoutText());
    } finally {
      finished.set(true);
      deadline.cancel(false);
      if (sampling != null) {
        sampling.cancel(false);
      }
      prepared.lease().close();
    }
    if (overMemory.get()) {
      return new Failed(Kind.LIMIT, "memory limit: the program held more than " + (maxMemoryBytes >> 20)
          + " MiB and was stopped", result.stdout());
    }
    return applyLimits(result, capture, timedOut.get(), wallClock, maxOutputBytes, resultVariable);
  }

  private ExecutionResult evaluate(Context context, String code, @Nullable String resultVariable,
      OutputCapture capture) {
    try {
      context.eval(Source.newBuilder("python", code, SOURCE_NAME).cached(false).buildLiteral());
    } catch (PolyglotException e) {
      // sys.exit(0) ends a script normally; the globals are still readable afterwards.
      if (!e.isExit() || e.getExitStatus() != 0) {
        throw e;
      }
    }
    return new ExecutionResult.Ok(capture.stdoutText(), resultOf(context, resultVariable));
  }

  /** Calls Python's own {@code str()} (Value.toString() would give the repr, e.g. {@code Fraction(1, 2)}). */
  private static @Nullable String resultOf(Context context, @Nullable String variable) {
    if (variable == null) {
      return null;
    }
    Value value = context.getBindings("python").getMember(variable);
    return value == null ? null : context.eval("python", "str").execute(value).asString();
  }

  private static ExecutionResult applyLimits(ExecutionResult result, OutputCapture capture, boolean timedOut,
      Duration wallClock, long maxOutputBytes, @Nullable String resultVariable) {
    String stdout = result.stdout();
    if (capture.overflowed()) {
      return new Failed(Kind.LIMIT, "output exceeded the limit of " + maxOutputBytes + " bytes", stdout);
    }
    if (timedOut && !(result instanceof ExecutionResult.Ok)) {
      return new Failed(Kind.TIMEOUT, "timed out: the program ran longer than the wall-clock limit of "
          + describe(wallClock), stdout);
    }
    if (result instanceof ExecutionResult.Ok ok && ok.value() != null && ok.value().length() > maxOutputBytes) {
      return new Failed(Kind.LIMIT, "str(" + resultVariable + ") is longer than the output limit of " + maxOutputBytes
          + " bytes", stdout);
    }
    return result;
  }

  static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  static void requireVariable(@Nullable String name) {
    if (name != null && !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("resultVariable must be a Python identifier: " + name);
    }
  }

  private Prepared newPrepared() {
    OutputCapture capture = new OutputCapture();
    RecyclingEngine.Lease lease = engines.newContext(capture.stdout(), capture.stderr());
    try {
      if (preloadImport != null) {
        lease.context().eval("python", preloadImport);
      }
    } catch (PolyglotException e) {
      lease.close();
      throw new IllegalArgumentException("cannot preload modules (" + preloadImport + "): " + e.getMessage(), e);
    }
    return new Prepared(lease, capture);
  }

  /**
   * A program that passed its memory limit inside one long builtin ({@code list(range(10**10))}) ignores the cancel
   * and would go on filling the heap until the JVM spends many seconds collecting; halting the worker ends it at once
   * (its parent reports a memory failure and starts a replacement).
   */
  private void haltIfStuck(AtomicBoolean finished) {
    watchdog.schedule(() -> {
      if (!finished.get()) {
        Runtime.getRuntime().halt(MEMORY_HALT_EXIT);
      }
    }, STUCK_AFTER_BREACH_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static ScheduledThreadPoolExecutor newWatchdog() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "graalpy-watchdog");
      t.setDaemon(true);
      return t;
    });
    // A cancelled deadline would otherwise stay queued, holding its closed context (megabytes) until it expires.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /**
   * Cancels on a new thread: {@code close(true)} waits until the program stops, which never happens for a long
   * builtin, and the watchdog thread must stay free for other deadlines.
   */
  private static void cancel(Context context) {
    Thread.ofPlatform().daemon().name("graalpy-cancel").start(() -> RecyclingEngine.closeQuietly(context));
  }

  /** Closes the spare context and, once running snippets end, the engine. Runs still executing are cancelled. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    Prepared old = spare.getAndSet(null);
    if (old != null) {
      old.lease().close();
    }
    engines.close();
  }

  private record Prepared(RecyclingEngine.Lease lease, OutputCapture capture) {}
}
