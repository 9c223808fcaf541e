package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of a {@link WorkerPool}; see {@link GraalPySandboxBuilder} for each one.
 *
 * @param poolSize how many workers
 * @param heapHeadroomBytes heap a worker gets on top of the program's memory limit
 * @param killGrace wait past the wall clock before killing a worker
 * @param startupTimeout wait for a new worker to be ready
 * @param javaExecutable the launcher
 * @param classPath the workers' class path
 * @param jvmArgs extra JVM options
 * @param workDir the directory for temp files and GraalPy's resource cache, or {@code null} for a private temp dir
 * @param warmLimits the limits workers are started for (their memory cap sets the first heap size)
 * @param preload modules imported into each context ahead of the snippet
 * @param contextsPerEngine how many contexts a worker's engine serves before it is replaced
 */
record WorkerSettings(int poolSize, long heapHeadroomBytes, Duration killGrace, Duration startupTimeout,
    Path javaExecutable, String classPath, List<String> jvmArgs, @Nullable Path workDir, SandboxLimits warmLimits,
    List<String> preload, int contextsPerEngine) {

  /**
   * Returns the worker heap ({@code -Xmx}) for some limits, rounded up to whole MiB.
   *
   * @param limits the caps of a run
   * @return bytes
   */
  long heapFor(SandboxLimits limits) {
    long bytes = limits.maxMemoryBytes() + heapHeadroomBytes;
    long mib = (bytes + (1L << 20) - 1) >> 20;
    return mib << 20;
  }
}
