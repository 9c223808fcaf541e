package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker-backed {@link CodeSandbox}: a fixed number of {@link WorkerSlot}s, each owning at most one worker JVM.
 * A call takes an idle slot (or waits for one), so concurrent calls use different workers or queue. Workers start in
 * the background when the pool is created and again right after one is killed, so a restart overlaps the caller's
 * other work.
 *
 * <p>Thread-safe.
 */
final class WorkerPool implements CodeSandbox {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final WorkerSettings settings;
  private final Path workDir;
  private final boolean ownsWorkDir;
  private final List<WorkerSlot> slots = new ArrayList<>();
  private final BlockingQueue<WorkerSlot> idle = new LinkedBlockingQueue<>();
  private final ExecutorService starter = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "graalpy-worker-starter");
    t.setDaemon(true);
    return t;
  });
  private final AtomicLong requestIds = new AtomicLong();
  private volatile boolean closed;

  /**
   * Creates the pool and starts its workers in the background.
   *
   * @param settings validated settings
   */
  WorkerPool(WorkerSettings settings) {
    this.settings = settings;
    Path given = settings.workDir();
    this.ownsWorkDir = given == null;
    try {
      // createTempDirectory makes an owner-only (0700) directory on POSIX, so no other user can plant files in the
      // resource cache.
      this.workDir = given == null ? Files.createTempDirectory("synthkit-graalpy-") : given;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory for GraalPy workers", e);
    }
    long heap = settings.heapFor(settings.warmLimits());
    for (int i = 0; i < settings.poolSize(); i++) {
      WorkerSlot slot = new WorkerSlot(this, heap);
      slots.add(slot);
      idle.add(slot);
    }
  }

  @Override
  public ExecutionResult run(String code, SandboxLimits limits, @Nullable String resultVariable) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(limits, "limits");
    PythonRunner.requireVariable(resultVariable);
    requireOpen();
    WorkerSlot slot;
    try {
      slot = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a GraalPy worker", e);
    }
    try {
      requireOpen();
      WorkerRequest request = new WorkerRequest(requestIds.incrementAndGet(), code, resultVariable,
          limits.wallClock().toMillis(), limits.maxOutputBytes(), limits.maxMemoryBytes());
      return slot.run(request, limits);
    } finally {
      idle.add(slot);
    }
  }

  /** Process ids of the started workers; tests use them to inspect the environment. */
  List<Long> workerPids() {
    return slots.stream().map(WorkerSlot::pid).filter(pid -> pid > 0).toList();
  }

  /** Process ids of the workers running a snippet now; tests kill them to simulate a crash. */
  List<Long> busyWorkerPids() {
    return slots.stream().filter(slot -> !idle.contains(slot)).map(WorkerSlot::pid).filter(pid -> pid > 0).toList();
  }

  WorkerSettings settings() {
    return settings;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Launches one worker and waits until it is ready; runs on the starter threads.
   *
   * @param heapBytes the worker's {@code -Xmx}
   * @return the ready worker
   */
  WorkerProcess launch(long heapBytes) {
    requireOpen();
    WorkerProcess worker;
    try {
      worker = WorkerProcess.start(settings, workDir, heapBytes);
    } catch (IOException e) {
      throw new SynthkitException("cannot start a GraalPy worker with " + settings.javaExecutable() + ": "
          + e.getMessage(), SynthkitException.EXIT_INTERNAL, e);
    }
    try {
      if (!worker.awaitReady(settings.startupTimeout())) {
        worker.kill();
        throw new SynthkitException("the GraalPy worker did not become ready within "
            + settings.startupTimeout().toSeconds() + " s of CPU time (used " + worker.cpuTime().toSeconds() + " s; "
            + worker.describeExit() + ")", SynthkitException.EXIT_INTERNAL);
      }
    } catch (InterruptedException e) {
      worker.kill();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting a GraalPy worker", e);
    }
    LOG.debug("GraalPy worker {} ready (-Xmx{}m)", worker.pid(), heapBytes >> 20);
    return worker;
  }

  ExecutorService starter() {
    return starter;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("sandbox is closed");
    }
  }

  /** Kills every worker and deletes the private work directory. Calls still waiting fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    slots.forEach(WorkerSlot::kill);
    starter.shutdownNow();
    if (ownsWorkDir) {
      deleteQuietly(workDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not delete {}: {}", dir, e.toString());
    }
  }

}
