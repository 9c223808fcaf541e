package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Configures a worker-backed {@link GraalPySandbox}. Every setting has a default; {@code build()} starts the workers in
 * the background. Not thread-safe; use it on one thread and discard it.
 */
public final class GraalPySandboxBuilder {
  static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
  static final List<String> DEFAULT_PRELOAD = List.of();
  static final int DEFAULT_CONTEXTS_PER_ENGINE = 100;

  private int poolSize = 2;
  private long heapHeadroomBytes = 256L << 20;
  private Duration killGrace = DEFAULT_KILL_GRACE;
  private Duration startupTimeout = Duration.ofSeconds(120);
  private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
  private String classPath = System.getProperty("java.class.path");
  private List<String> jvmArgs = List.of();
  private @Nullable Path workDir;
  private SandboxLimits warmLimits = SandboxLimits.DEFAULT;
  private List<String> preload = DEFAULT_PRELOAD;
  private int contextsPerEngine = DEFAULT_CONTEXTS_PER_ENGINE;

  GraalPySandboxBuilder() {}

  /**
   * Sets how many worker JVMs run snippets in parallel; more calls queue. Each worker costs its heap plus ~150 MB.
   *
   * @param poolSize at least 1 (default 2, so one worker can serve while another restarts after a kill)
   * @return this builder
   */
  public GraalPySandboxBuilder poolSize(int poolSize) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /**
   * Sets what a worker's heap holds besides the program: its {@code -Xmx} is the limits' {@code maxMemoryBytes} plus
   * this. GraalPy's engine and compiler need ~50 MB live and more while compiling.
   *
   * @param bytes at least 64 MiB (default 256 MiB, so the default limits give {@code -Xmx512m})
   * @return this builder
   */
  public GraalPySandboxBuilder heapHeadroomBytes(long bytes) {
    if (bytes < (64L << 20)) {
      throw new IllegalArgumentException("heapHeadroomBytes must be at least 64 MiB: " + bytes);
    }
    this.heapHeadroomBytes = bytes;
    return this;
  }

  /**
   * Sets how long past the wall clock to wait for a worker's answer before killing it. In-worker cancellation
   * normally answers within milliseconds; the grace covers a loaded machine.
   *
   * @param grace positive (default 2 s)
   * @return this builder
   */
  public GraalPySandboxBuilder killGrace(Duration grace) {
    this.killGrace = requirePositive(grace, "killGrace");
    return this;
  }

  /**
   * Sets how much CPU time a new worker may use before it is ready (JVM start plus GraalPy's cold start, about 20 s of
   * CPU on two cores). CPU time rather than wall time, so that a start on a loaded machine is slow but never fails;
   * a worker that uses no CPU is given up after ten times this much wall time.
   *
   * @param timeout positive (default 120 s of CPU time)
   * @return this builder
   */
  public GraalPySandboxBuilder startupTimeout(Duration timeout) {
    this.startupTimeout = requirePositive(timeout, "startupTimeout");
    return this;
  }

  /**
   * Sets the {@code java} launcher for workers.
   *
   * @param javaExecutable a JDK 21+ launcher (default: this JVM's)
   * @return this builder
   */
  public GraalPySandboxBuilder javaExecutable(Path javaExecutable) {
    this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable");
    return this;
  }

  /**
   * Sets the workers' class path, which must hold this module and GraalPy.
   *
   * @param classPath a class path (default: this JVM's {@code java.class.path})
   * @return this builder
   */
  public GraalPySandboxBuilder classPath(String classPath) {
    this.classPath = Objects.requireNonNull(classPath, "classPath");
    return this;
  }

  /**
   * Adds JVM options for workers, after the defaults (so they can override them).
   *
   * @param jvmArgs for example {@code -XX:+UseParallelGC}
   * @return this builder
   */
  public GraalPySandboxBuilder jvmArgs(List<String> jvmArgs) {
    this.jvmArgs = List.copyOf(jvmArgs);
    return this;
  }

  /**
   * Sets the directory for the workers' temp files and GraalPy resource cache (~25 MB). By default a private
   * temporary directory is created and deleted on close.
   *
   * @param workDir an existing directory the workers may write to; kept on close
   * @return this builder
   */
  public GraalPySandboxBuilder workDir(Path workDir) {
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    return this;
  }

  /**
   * Sets the limits most runs will use. Workers start with the heap their memory cap needs; a run with a different
   * memory cap restarts its worker with a matching heap (seconds), so keep one cap per run.
   *
   * @param limits the expected limits (default {@link SandboxLimits#DEFAULT})
   * @return this builder
   */
  public GraalPySandboxBuilder warmFor(SandboxLimits limits) {
    this.warmLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Sets modules imported into every fresh context before the snippet arrives. A fresh context runs a module's body
   * again (150–500 ms for {@code fractions} on 2 cores), which counts against the snippet's wall clock unless done
   * ahead. But a preloaded module costs that CPU for every snippet and, for pure-Python modules, adds to GraalPy's
   * per-context leak (see {@code contextsPerEngine}), so list only what nearly every snippet imports.
   *
   * @param modules module names (default none)
   * @return this builder
   */
  public GraalPySandboxBuilder preload(List<String> modules) {
    this.preload = List.copyOf(modules);
    return this;
  }

  /**
   * Sets how many snippets a worker's GraalPy engine serves before the worker replaces it (about 1 s, off the
   * snippets' clocks). GraalPy 25.2.4 keeps 0.5–2 MB per closed context that imported a pure-Python module
   * (oracle/graalpython#1083); a new engine frees it. Lower it if programs near the memory cap fail early.
   *
   * @param contexts at least 1 (default 100)
   * @return this builder
   */
  public GraalPySandboxBuilder contextsPerEngine(int contexts) {
    if (contexts < 1) {
      throw new IllegalArgumentException("contextsPerEngine must be positive: " + contexts);
    }
    this.contextsPerEngine = contexts;
    return this;
  }

  /**
   * Creates the sandbox and starts its workers in the background.
   *
   * @return the sandbox
   */
  public GraalPySandbox build() {
    return GraalPySandbox.of(new WorkerPool(settings()));
  }

  WorkerSettings settings() {
    return new WorkerSettings(poolSize, heapHeadroomBytes, killGrace, startupTimeout, javaExecutable, classPath,
        jvmArgs, workDir, warmLimits, preload, contextsPerEngine);
  }

  private static Duration requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
