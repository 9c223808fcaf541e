package io.synthkit.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on this machine for tests: one master JVM and N worker JVMs started from the Spark
 * jars on the test class path (no Spark download), each worker launching its executors as further JVMs exactly as on
 * a cluster. A worker launches an executor with {@code SPARK_HOME/jars/*} on its class path, so the cluster gets a
 * small SPARK_HOME of its own whose {@code jars/} links every jar of the test class path; the class directories of the
 * code under test go to the executors through {@code spark.executor.extraClassPath}.
 *
 * <p>Everything is on loopback. Nothing here waits a fixed time: each step polls the master's JSON status page until
 * the expected state is there, with generous limits for a loaded CI machine.
 */
public final class StandaloneCluster implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  /** Heap of the master and worker daemons; they only schedule. */
  static final String DAEMON_HEAP = "-Xmx256m";
  /** Memory each worker offers and each executor takes by default: enough for Spark's 450 MB floor with headroom. */
  static final String EXECUTOR_MEMORY = "768m";
  static final Duration READY_LIMIT = Duration.ofMinutes(3);

  private final Path dir;
  private final Path sparkHome;
  private final ChildJvm master;
  private final String masterUrl;
  private final String executorMemory;
  private final URI statusPage;
  private final List<ChildJvm> workers = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private StandaloneCluster(Path dir, Path sparkHome, ChildJvm master, int port, int uiPort, String executorMemory) {
    this.dir = dir;
    this.executorMemory = executorMemory;
    this.sparkHome = sparkHome;
    this.master = master;
    this.masterUrl = "spark://" + HOST + ":" + port;
    this.statusPage = URI.create("http://" + HOST + ":" + uiPort + "/json/");
  }

  /**
   * Starts a master and {@code workerCount} workers (one core each) and waits until all are registered. If anything
   * fails on the way, every JVM started so far is killed before the exception leaves.
   */
  public static StandaloneCluster start(Path dir, int workerCount) throws IOException, InterruptedException {
    return start(dir, workerCount, EXECUTOR_MEMORY);
  }

  /**
   * As {@link #start(Path, int)}, with {@code executorMemory} (Spark's size syntax, {@code 768m}, {@code 3g}) offered
   * by each worker and taken by each executor: a benchmark over millions of records needs more than the tests.
   */
  public static StandaloneCluster start(Path dir, int workerCount, String executorMemory)
      throws IOException, InterruptedException {
    Path home = sparkHome(dir.resolve("spark-home"));
    StandaloneCluster cluster = startMaster(dir, home, executorMemory);
    try {
      for (int i = 0; i < workerCount; i++) {
        cluster.startWorker();
      }
      cluster.awaitAliveWorkers(workerCount);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The master URL to give {@code spark.master}, {@code spark-submit --master} or {@code synthkit --spark}. */
  String masterUrl() {
    return masterUrl;
  }

  /**
   * A driver configuration for this cluster: loopback addresses, one core and the cluster's executor memory per executor,
   * the test's class directories on the executors' class path, no web UI.
   */
  public SparkConf driverConf(String appName) {
    return new SparkConf().setMaster(masterUrl).setAppName(appName)
        .set("spark.driver.host", HOST)
        .set("spark.driver.bindAddress", HOST)
        .set("spark.executor.cores", "1")
        .set("spark.executor.memory", executorMemory)
        .set("spark.executor.extraClassPath", classDirectories())
        .set("spark.executor.extraJavaOptions", "-XX:+UseSerialGC -XX:ErrorFile=" + dir.resolve("executor-hs_err_%p.log"))
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.speculation", "false");
  }

  /** Starts one more worker offering one core and the cluster's executor memory; returns its index. */
  int startWorker() throws IOException {
    int index = workers.size();
    Path work = Files.createDirectories(dir.resolve("worker-" + index + "-" + System.nanoTime()));
    // Port 0: the worker's RPC and UI ports are chosen by the OS, so two workers never collide.
    workers.add(ChildJvm.start("worker-" + index, work.resolve("worker.log"), daemonOptions(),
        "org.apache.spark.deploy.worker.Worker",
        List.of("--host", HOST, "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", executorMemory,
            "--work-dir", work.toString(), masterUrl),
        daemonEnv(sparkHome)));
    return index;
  }

  /** The process id of worker {@code index}: an executor's parent process. */
  public long workerPid(int index) {
    return workers.get(index).pid();
  }

  /** {@code kill -9} of worker {@code index} and the executors it launched, as when its machine dies. */
  void killWorker(int index) {
    workers.get(index).killMinus9();
  }

  /** Waits until the master reports exactly {@code n} alive workers. */
  void awaitAliveWorkers(int n) throws InterruptedException {
    await(() -> aliveWorkers() == n, () -> "the master to report " + n + " alive workers (now " + aliveWorkers() + ")");
  }

  /** Alive workers as the master reports them; -1 while its status page does not answer. */
  int aliveWorkers() {
    JsonNode status = status();
    return status == null ? -1 : status.path("aliveworkers").asInt(-1);
  }

  /** The end of every daemon's log and every executor's stderr, for a failing assertion's message. */
  String diagnostics() {
    StringBuilder sb = new StringBuilder(master.logTail(3000));
    workers.forEach(w -> sb.append(w.logTail(3000)));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("stderr|.*hs_err.*")).sorted().toList()) {
        String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
        sb.append("== ").append(dir.relativize(f)).append('\n')
            .append(text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text).append('\n');
      }
    } catch (IOException | UncheckedIOException e) {
      sb.append("(could not list executor logs: ").append(e.getMessage()).append(")\n");
    }
    return sb.toString();
  }

  @Override
  public void close() {
    workers.forEach(ChildJvm::close);
    master.close();
  }

  private static StandaloneCluster startMaster(Path dir, Path home, String executorMemory)
      throws IOException, InterruptedException {
    IOException last = null;
    // A port found free can be taken by another build before the master binds it; the master is started with
    // spark.port.maxRetries=0 (so it never moves to a port this class does not know) and retried on fresh ports.
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      int uiPort = freePort();
      ChildJvm jvm = ChildJvm.start("master", dir.resolve("master-" + attempt + ".log"), daemonOptions(),
          "org.apache.spark.deploy.master.Master",
          List.of("--host", HOST, "--port", String.valueOf(port), "--webui-port", String.valueOf(uiPort)),
          daemonEnv(home));
      StandaloneCluster cluster = new StandaloneCluster(dir, home, jvm, port, uiPort, executorMemory);
      try {
        cluster.await(() -> !jvm.isAlive() || cluster.status() != null, () -> "the master's status page");
      } catch (IllegalStateException | InterruptedException e) {
        jvm.close();
        throw e;
      }
      if (jvm.isAlive()) {
        return cluster;
      }
      last = new IOException("the master did not start:\n" + jvm.logTail(3000));
    }
    throw last;
  }

  private static List<String> daemonOptions() {
    List<String> opts = new ArrayList<>(List.of(DAEMON_HEAP, "-XX:+UseSerialGC", "-Dspark.port.maxRetries=0"));
    // The options Spark's launch scripts give every daemon on a modern JDK.
    opts.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
    return opts;
  }

  private static Map<String, String> daemonEnv(Path home) {
    return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", HOST,
        "JAVA_HOME", System.getProperty("java.home"));
  }

  /**
   * A SPARK_HOME as a binary distribution has it, enough for a worker to launch executors: a RELEASE marker (which
   * tells the launcher to look in {@code jars/}), {@code jars/} with a link to every jar of the test class path, and
   * an empty {@code conf/}.
   */
  private static Path sparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("RELEASE"), "Spark jars linked from the test class path\n");
    int n = 0;
    for (String entry : classPath()) {
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        // Numbered, because two artifacts may have the same file name.
        Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", n++, p.getFileName())), p.toAbsolutePath());
      }
    }
    return home;
  }

  private static String classDirectories() {
    return String.join(File.pathSeparator, classPath().stream().filter(e -> Files.isDirectory(Path.of(e))).toList());
  }

  private static List<String> classPath() {
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    }
  }

  private JsonNode status() {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(statusPage).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Json.parse(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void await(BooleanSupplier done, java.util.function.Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up after " + READY_LIMIT.toMinutes() + " min waiting for " + what.get()
            + "\n" + diagnostics());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }
}
