package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The main class of a worker JVM started by {@link WorkerProcess}; not an API. It keeps one warm GraalPy engine, runs
 * each {@link WorkerRequest} from stdin in a fresh context and answers on stdout ({@link WorkerProtocol}). It exits when
 * stdin closes or the parent process dies, so a crashed parent leaves no worker behind.
 *
 * <p>Thread-safety: single-threaded by design; one snippet at a time.
 */
public final class WorkerMain {
  /** System property carrying the worker's {@code -Xmx} in MiB, for {@code MemoryError} messages. */
  static final String HEAP_PROPERTY = "synthkit.graalpy.heapMib";

  private WorkerMain() {}

  /**
   * Runs the worker loop.
   *
   * @param args {@code parentPid preloadModules contextsPerEngine}: the worker halts when the parent ends; modules
   *     are comma-separated (possibly empty)
   * @throws IOException if the protocol streams break
   */
  public static void main(String[] args) throws IOException {
    // The protocol owns fd 1; anything GraalPy or the JVM prints goes to stderr so it cannot corrupt a frame.
    OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    System.setOut(System.err);
    InputStream requests = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16);
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: WorkerMain parentPid preloadModules contextsPerEngine");
    }
    ProcessHandle.of(Long.parseLong(args[0])).ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
    String heapMib = System.getProperty(HEAP_PROPERTY, Long.toString(Runtime.getRuntime().maxMemory() >> 20));
    List<String> preload = args[1].isEmpty() ? List.of() : List.of(args[1].split(","));
    try (PythonRunner runner = new PythonRunner("the worker's heap limit of " + heapMib + " MiB", preload,
        Integer.parseInt(args[2]), true)) {
      runner.warmUp(); // the cold start happens before READY, so no snippet's wall clock pays for it
      WorkerProtocol.write(protocol, WorkerResponse.ready());
      WorkerRequest request;
      while ((request = WorkerProtocol.read(requests, WorkerRequest.class)) != null) {
        runner.prepare(); // normally done already; on a busy machine it may still take seconds
        WorkerProtocol.write(protocol, WorkerResponse.started(request.id()));
        ExecutionResult result = runSafely(runner, request);
        WorkerProtocol.write(protocol, WorkerResponse.of(request.id(), result));
        runner.prepare();
      }
    }
    // A context stuck in an uncancellable builtin would keep a non-daemon thread alive; the parent is gone anyway.
    Runtime.getRuntime().halt(0);
  }

  private static ExecutionResult runSafely(PythonRunner runner, WorkerRequest request) {
    try {
      return runner.run(request.code(), request.resultVariable(), Duration.ofMillis(request.wallClockMillis()),
          request.maxOutputBytes(), request.maxMemoryBytes());
    } catch (RuntimeException e) {
      // A GraalPy failure outside the program's own exceptions; report it rather than die and be mistaken for OOM.
      return new ExecutionResult.Failed(ExecutionResult.Kind.RUNTIME, "sandbox error: " + e, "");
    }
  }
}
