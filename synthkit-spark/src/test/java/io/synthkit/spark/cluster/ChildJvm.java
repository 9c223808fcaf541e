package io.synthkit.spark.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started by a test, with the test's class path, its output in a log file, and a way to {@code kill -9} it
 * together with every process it started (a Spark worker's executors), as when the machine under it dies.
 */
final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} through {@link DieWithParent}, so the child also ends when this JVM does.
   *
   * @param jvmOptions options before the class name (heap size, system properties)
   * @param env variables added to the inherited environment
   */
  static ChildJvm start(String name, Path log, List<String> jvmOptions, String mainClass, List<String> args,
      Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.add("-XX:ErrorFile=" + log.resolveSibling(name + "-hs_err_%p.log"));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DieWithParent.class.getName());
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // Model servers in these tests are simulators: no real key is ever needed, so none is handed down.
    pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY"));
    pb.environment().putAll(env);
    return new ChildJvm(name, pb.start(), log);
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL to this JVM and all its descendants at once: no shutdown hook, no goodbye message to anyone. */
  void killMinus9() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : tree) {
      p.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> p).join();
    }
  }

  /** The end of the child's output, for a failing test's message. */
  String logTail(int chars) {
    try {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      return "== " + name + " (" + log.getFileName() + ")\n"
          + (text.length() > chars ? "..." + text.substring(text.length() - chars) : text) + "\n";
    } catch (IOException e) {
      return "== " + name + ": no log (" + e.getMessage() + ")\n";
    }
  }

  @Override
  public void close() {
    killMinus9();
  }
}
