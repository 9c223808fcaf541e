package io.synthkit.sandbox.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker JVM running {@link WorkerMain}: starts it, waits for its {@code READY}, exchanges one request at a time
 * and kills it. A reader thread moves frames from the worker's stdout into a queue, so the caller can wait for an
 * answer with a deadline (a blocking read cannot time out). Another thread keeps the last few KiB of its stderr for
 * diagnostics.
 *
 * <p>Not thread-safe: {@link WorkerPool} gives each worker to one caller at a time.
 */
final class WorkerProcess {
  /** What {@link #call} returns when the deadline passed without an answer. */
  static final WorkerResponse TIMED_OUT = new WorkerResponse(-1, "TIMED_OUT", null, "", null);
  /** What {@link #call} returns when the worker's stdout ended (it crashed, was killed, or ran out of memory). */
  static final WorkerResponse DIED = new WorkerResponse(-1, "DIED", null, "", null);

  private static final int STDERR_TAIL_BYTES = 8 << 10;
  private static final Duration READY_POLL = Duration.ofMillis(500);

  private final Process process;
  private final long heapBytes;
  private final OutputStream toWorker;
  private final BlockingQueue<WorkerResponse> frames = new LinkedBlockingQueue<>();
  private final StringBuilder stderrTail = new StringBuilder();

  private WorkerProcess(Process process, long heapBytes) {
    this.process = process;
    this.heapBytes = heapBytes;
    this.toWorker = process.getOutputStream();
    daemon("graalpy-worker-reader-" + process.pid(), this::readFrames);
    daemon("graalpy-worker-stderr-" + process.pid(), this::drainStderr);
  }

  /**
   * Launches a worker; it becomes usable once {@link #awaitReady} returns true.
   *
   * @param settings the pool's settings
   * @param workDir temp and cache directory
   * @param heapBytes the worker's {@code -Xmx}
   * @return the starting worker
   * @throws IOException if the launcher cannot be run
   */
  static WorkerProcess start(WorkerSettings settings, Path workDir, long heapBytes) throws IOException {
    return new WorkerProcess(WorkerCommand.processBuilder(settings, workDir, heapBytes).start(), heapBytes);
  }

  /**
   * Waits for the worker's greeting. The budget counts the worker's CPU time, not wall time: on a loaded machine (two
   * cores shared with builds) a cold start can take minutes of wall time while using its usual ~20 s of CPU, and a
   * wall-clock timeout failed such starts for nothing. A wall-clock backstop of ten budgets still ends a worker that
   * hangs without using CPU.
   *
   * @param cpuBudget the most CPU time the worker may use before it is ready
   * @return whether it is ready (false: it died or used its budget; kill it)
   * @throws InterruptedException if the waiting thread is interrupted
   */
  boolean awaitReady(Duration cpuBudget) throws InterruptedException {
    long backstop = System.nanoTime() + cpuBudget.multipliedBy(10).toNanos();
    while (System.nanoTime() < backstop) {
      WorkerResponse first = frames.poll(READY_POLL.toNanos(), TimeUnit.NANOSECONDS);
      if (first != null) {
        return first.isReady();
      }
      if (cpuTime().compareTo(cpuBudget) > 0) {
        return false;
      }
    }
    return false;
  }

  /**
   * Returns the CPU time the worker has used so far (all its threads).
   *
   * @return the CPU time, or zero where the platform does not report it (the wall-clock backstop then applies)
   */
  Duration cpuTime() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * Sends a request and waits for its answer in two phases: first for {@code STARTED} (the worker may still be
   * preparing the fresh context, which must not count against the program's wall clock), then for the result.
   *
   * @param request the snippet
   * @param startTimeout the longest to wait for the worker to begin
   * @param runTimeout the longest to wait for the result once it began
   * @return the answer, {@link #TIMED_OUT} or {@link #DIED}
   * @throws InterruptedException if the waiting thread is interrupted
   */
  WorkerResponse call(WorkerRequest request, Duration startTimeout, Duration runTimeout) throws InterruptedException {
    try {
      WorkerProtocol.write(toWorker, request);
    } catch (IOException e) {
      return DIED;
    }
    WorkerResponse started = next(request.id(), startTimeout);
    if (!started.isStarted()) {
      return started == DIED ? DIED : TIMED_OUT;
    }
    return next(request.id(), runTimeout);
  }

  private WorkerResponse next(long id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      WorkerResponse response = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (response == null) {
        return TIMED_OUT;
      }
      if (response == DIED || response.id() == id) {
        return response;
      }
      // An answer to an earlier request cannot arrive (a worker that misses a deadline is killed); skip defensively.
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long heapBytes() {
    return heapBytes;
  }

  long pid() {
    return process.pid();
  }

  /** Kills the worker at once (SIGKILL): a worker that missed its deadline cannot be trusted to stop itself. */
  void kill() {
    process.destroyForcibly();
  }

  /**
   * Describes how the worker ended, for messages and logs.
   *
   * @return the exit code and the end of its stderr
   */
  String describeExit() {
    String code;
    try {
      code = process.waitFor(1, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = "unknown";
    }
    synchronized (stderrTail) {
      return code + (stderrTail.isEmpty() ? "" : "; stderr ends with: " + stderrTail.toString().strip());
    }
  }

  private void readFrames() {
    try (InputStream in = process.getInputStream()) {
      WorkerResponse response;
      while ((response = WorkerProtocol.read(in, WorkerResponse.class)) != null) {
        frames.add(response);
      }
    } catch (IOException e) {
      // The worker died mid-frame or was killed; reported below like a clean end.
    } finally {
      frames.add(DIED);
    }
  }

  private void drainStderr() {
    byte[] buffer = new byte[4096];
    try (InputStream err = process.getErrorStream()) {
      int n;
      while ((n = err.read(buffer)) > 0) {
        synchronized (stderrTail) {
          stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          if (stderrTail.length() > STDERR_TAIL_BYTES) {
            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_BYTES);
          }
        }
      }
    } catch (IOException e) {
      // Killed; whatever was read is kept.
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread.ofPlatform().daemon().name(name).start(task);
  }
}
