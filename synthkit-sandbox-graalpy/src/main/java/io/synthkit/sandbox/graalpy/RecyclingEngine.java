package io.synthkit.sandbox.graalpy;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * Hands out fresh {@link SandboxPolicy#CONSTRAINED} Python contexts from a shared GraalPy {@link Engine}, and replaces
 * the engine after a fixed number of contexts.
 *
 * <p>Why replace it: in GraalPy 25.2.4 every closed context that imported a pure-Python stdlib module ({@code
 * fractions}, {@code decimal}, {@code re}, ...) leaves 0.5–2 MB reachable from the engine (oracle/graalpython#1083,
 * fixed upstream in #1159 but not released); measured here: 204 → 607 MB live after 50 → 600 contexts importing
 * {@code fractions}, flat for {@code import math}. Closing the engine frees it all. A new engine in a warm JVM costs
 * ~1 s including the warm-up imports, against 5–13 s for the JVM's first, so one engine per ~100 contexts keeps both
 * the leak and the overhead small. A retired engine is closed once its last context closes.
 *
 * <p>Thread-safe.
 */
final class RecyclingEngine implements AutoCloseable {
  /** Imported once per engine so its code is parsed before any snippet's clock runs (code is shared per engine). */
  static final String WARM_UP = "import math, fractions, itertools, functools, collections\n"
      + "answer = str(fractions.Fraction(1, 3) + math.comb(5, 2))";

  private final int contextsPerEngine;
  private Generation current;
  private boolean closed;

  /**
   * Builds and warms the first engine (seconds in a cold JVM).
   *
   * @param contextsPerEngine how many contexts an engine serves before it is replaced
   */
  RecyclingEngine(int contextsPerEngine) {
    if (contextsPerEngine < 1) {
      throw new IllegalArgumentException("contextsPerEngine must be positive: " + contextsPerEngine);
    }
    this.contextsPerEngine = contextsPerEngine;
    this.current = new Generation();
  }

  /**
   * Creates a fresh, initialised context writing to the given streams. Slow when it replaces the engine (~1 s), so
   * callers create contexts ahead of time or before starting a snippet's clock.
   *
   * @param out the program's stdout
   * @param err the program's stderr
   * @return the context and the handle that releases it
   */
  Lease newContext(OutputStream out, OutputStream err) {
    Generation generation = acquire();
    try {
      Context context = Context.newBuilder("python")
          .engine(generation.engine)
          .sandbox(SandboxPolicy.CONSTRAINED)
          .out(out)
          .err(err)
          .in(InputStream.nullInputStream())
          .build();
      context.initialize("python");
      return new Lease(context, generation);
    } catch (RuntimeException e) {
      generation.release();
      throw e;
    }
  }

  private synchronized Generation acquire() {
    if (closed) {
      throw new IllegalStateException("sandbox is closed");
    }
    if (current.created >= contextsPerEngine) {
      current.retire();
      current = new Generation();
    }
    current.created++;
    current.open.incrementAndGet();
    return current;
  }

  /** Closes the current engine once its contexts are closed; later calls to {@link #newContext} fail. */
  @Override
  public synchronized void close() {
    closed = true;
    current.retire();
  }

  /**
   * A context plus the bookkeeping that lets its engine close after the last context does.
   */
  static final class Lease {
    private final Context context;
    private final Generation generation;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(Context context, Generation generation) {
      this.context = context;
      this.generation = generation;
    }

    Context context() {
      return context;
    }

    /** Cancels the context if it still runs, closes it, and releases the engine. Idempotent. */
    void close() {
      closeQuietly(context);
      if (released.compareAndSet(false, true)) {
        generation.release();
      }
    }
  }

  static void closeQuietly(Context context) {
    try {
      context.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      // Already closed, or being cancelled by the watchdog: nothing left to release here.
    }
  }

  private static final class Generation {
    final Engine engine;
    final AtomicInteger open = new AtomicInteger();
    int created;
    private volatile boolean retired;

    Generation() {
      // CONSTRAINED must be set on the engine too, and requires redirected streams on both. WarnInterpreterOnly: on
      // JDK 21 GraalPy runs interpreted and would print a warning per engine. (shared/notes/dependencies.md)
      engine = Engine.newBuilder("python")
          .sandbox(SandboxPolicy.CONSTRAINED)
          .out(OutputStream.nullOutputStream())
          .err(OutputStream.nullOutputStream())
          .option("engine.WarnInterpreterOnly", "false")
          .build();
      try (Context context = Context.newBuilder("python").engine(engine).sandbox(SandboxPolicy.CONSTRAINED)
          .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build()) {
        context.eval("python", WARM_UP);
      }
    }

    void retire() {
      retired = true;
      closeIfDone();
    }

    void release() {
      open.decrementAndGet();
      closeIfDone();
    }

    private void closeIfDone() {
      if (retired && open.get() == 0) {
        try {
          engine.close();
        } catch (PolyglotException | IllegalStateException e) {
          // A context stuck in an uncancellable builtin still holds it; the process exit releases it.
        }
      }
    }
  }
}
