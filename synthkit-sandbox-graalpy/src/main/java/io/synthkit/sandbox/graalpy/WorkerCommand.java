package io.synthkit.sandbox.graalpy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ProcessBuilder} for a worker JVM: launcher, heap, GraalPy options, class path, and an empty
 * environment. Stateless; thread-safe.
 */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * Builds the process for one worker.
   *
   * @param settings the pool's settings
   * @param workDir the directory for temp files and GraalPy's resource cache
   * @param heapBytes the worker's {@code -Xmx}
   * @return a process builder ready to start
   */
  static ProcessBuilder processBuilder(WorkerSettings settings, Path workDir, long heapBytes) {
    ProcessBuilder builder = new ProcessBuilder(command(settings, workDir, heapBytes));
    // The worker must not inherit secrets (API keys) or JAVA_TOOL_OPTIONS-style injection; the JVM needs no variables.
    builder.environment().clear();
    builder.directory(workDir.toFile());
    return builder;
  }

  static List<String> command(WorkerSettings settings, Path workDir, long heapBytes) {
    List<String> command = new ArrayList<>();
    command.add(settings.javaExecutable().toString());
    command.add("-Xmx" + (heapBytes >> 20) + "m");
    // Runtime.maxMemory() in the worker reports less than -Xmx (minus a survivor space); messages quote the setting.
    command.add("-D" + WorkerMain.HEAP_PROPERTY + "=" + (heapBytes >> 20));
    // Serial GC: a small heap, fewer threads on a shared machine. (-XX:TieredStopAtLevel=1 would halve the cold start
    // but made each fresh context twice as slow: module bodies run in GraalPy's interpreter, i.e. HotSpot-compiled
    // Java. Restarts are rare, contexts are not.)
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-XX:+IgnoreUnrecognizedVMOptions", "--enable-native-access=ALL-UNNAMED"));
    boolean sameJdk = settings.javaExecutable().equals(Path.of(System.getProperty("java.home"), "bin", "java"));
    if (sameJdk && Runtime.version().feature() >= 23) {
      // Truffle 25 still uses sun.misc.Unsafe; silences the JDK 24+ warning on the worker's stderr. Only when we know
      // the worker's JDK: older launchers reject the option.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    String dir = workDir.toAbsolutePath().toString();
    // GraalPy writes its resource cache under the user's home unless told otherwise; keep everything in workDir.
    command.addAll(List.of("-Djava.io.tmpdir=" + dir, "-Duser.home=" + dir,
        "-Dpolyglot.engine.userResourceCache=" + Path.of(dir, "graalpy-cache"),
        "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
        "-Dstderr.encoding=UTF-8"));
    command.addAll(settings.jvmArgs());
    command.addAll(List.of("-cp", settings.classPath(), WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()), String.join(",", settings.preload()),
        Integer.toString(settings.contextsPerEngine())));
    return command;
  }
}
