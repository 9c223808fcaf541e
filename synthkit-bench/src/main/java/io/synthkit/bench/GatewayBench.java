package io.synthkit.bench;

import com.sun.management.OperatingSystemMXBean;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gateway throughput against a simulator with a fixed in-flight capacity C and latency L (the simulator runs in its
 * own JVM). The best possible rate is C/L requests per second; the bench prints the achieved rate, the client's CPU
 * time per call, and a final line {@code efficiency: <achieved / (C/L)>}.
 *
 * <pre>bin/bench GatewayBench [C=512] [L_ms=100] [requests=C*30] [adaptive=false] [separate|inprocess]</pre>
 *
 * <p>{@code separate} (the default) runs the simulator in its own JVM, so the client's CPU per call can be measured on
 * its own; {@code inprocess} runs it in the benchmark's JVM, as the tests do, so the two share one scheduler, JIT and
 * heap instead of competing for two cores as two processes.
 */
public final class GatewayBench {

  private GatewayBench() {}

  /**
   * Entry point.
   *
   * @param args capacity, latency ms, request count, adaptive
   * @throws Exception on setup failure
   */
  public static void main(String[] args) throws Exception {
    int capacity = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    int latency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : capacity * 30;
    boolean adaptive = args.length > 3 && Boolean.parseBoolean(args[3]);
    boolean inProcess = args.length > 4 && args[4].equals("inprocess");
    io.synthkit.sim.Simulator local = inProcess ? io.synthkit.sim.Simulator.start(0,
        io.synthkit.sim.SimulatorOptions.DEFAULT.withLatencyAndCapacity(latency, capacity).withApproximateTokens()
            .withoutCallLog(), null)
        : null;
    Process server = inProcess ? null : startServer(latency, capacity);
    try {
      int port = local != null ? local.port() : awaitPort(java.util.Objects.requireNonNull(server));
      ModelConfig model = new ModelConfig(ProviderKind.OPENAI, "http://127.0.0.1:" + port + "/v1", "sk-bench", "bench",
          null, null, 16, null, null, capacity, null, null, 30, 6, 0, null, adaptive, null, null, null, null, null,
          null, null, null);
      try (Gateway gateway = Gateway.builder().model("default", model).build()) {
        Llm llm = gateway.llm("default");
        Window w = run(llm, capacity * 20, requests, capacity, latency, server == null ? 0 : server.pid());
        double secs = (w.endNanos - w.startNanos) / 1e9;
        double cpuMsPerCall = (w.endCpu - w.startCpu) / 1e6 / requests;
        double serverMsPerCall = (w.endServerCpu - w.startServerCpu) / 1e6 / requests;
        double ideal = capacity / (latency / 1000.0);
        double achieved = requests / secs;
        System.out.printf(Locale.ROOT, "capacity C=%d, latency L=%d ms, requests=%d, adaptive=%s, simulator %s%n",
            capacity, latency, requests, adaptive, inProcess ? "in process" : "in its own JVM");
        System.out.printf(Locale.ROOT, "ideal C/L: %.0f req/s, achieved: %.0f req/s in %.2f s%n", ideal, achieved,
            secs);
        if (inProcess) {
          System.out.printf(Locale.ROOT, "client + simulator CPU per call: %.3f ms (one process); %.2f of %d cores%n",
              cpuMsPerCall, cpuMsPerCall * requests / 1000 / secs, Runtime.getRuntime().availableProcessors());
        } else {
          System.out.printf(Locale.ROOT, "client CPU per call: %.3f ms (process CPU over measured calls)%n",
              cpuMsPerCall);
          System.out.printf(Locale.ROOT, "simulator CPU per call: %.3f ms; both processes used %.2f of %d cores%n",
              serverMsPerCall, (cpuMsPerCall + serverMsPerCall) * requests / 1000 / secs,
              Runtime.getRuntime().availableProcessors());
        }
        System.out.printf(Locale.ROOT, "warm-up: %d calls in %.1f s, until %s%n", w.warmUpCalls, w.warmUpSeconds,
            w.jitNote);
        System.out.println(percentiles());
        System.out.println(threadBreakdown(w, requests));
        System.out.printf(Locale.ROOT, "retries: %d%n", gateway.meter().total().retries());
        System.out.printf(Locale.ROOT, "efficiency: %.3f%n", achieved / ideal);
      }
    } finally {
      if (local != null) {
        local.close();
      }
      if (server != null) {
        server.destroy();
        if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
    }
  }

  /** Round-trip times of the measured calls, in microseconds. */
  private static long[] lastRtts = new long[0];

  /** Clocks read when the measured window opens and closes. */
  private static final class Window {
    volatile long startNanos;
    volatile long endNanos;
    volatile long startCpu;
    volatile long endCpu;
    volatile long startServerCpu;
    volatile long endServerCpu;
    volatile Map<String, Long> startThreads = Map.of();
    volatile Map<String, Long> endThreads = Map.of();
    volatile String jitNote = "";
    volatile int warmUpCalls;
    volatile double warmUpSeconds;
  }

  /** The JIT counts as settled when its compiler threads use less than 1% of a core for a second. */
  private static final long JIT_QUIET_NANOS_PER_SECOND = 10_000_000L;
  /** The longest warm-up waiting for the JIT (a loaded machine starves the compiler threads). */
  private static final long JIT_WAIT_LIMIT_NANOS = 240_000_000_000L;

  /** CPU time of the JIT's compiler threads so far. */
  private static long compilerCpu() {
    return threadCpu().entrySet().stream().filter(e -> e.getKey().startsWith("C# CompilerThre"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /**
   * A closed loop: C workers (the endpoint's concurrency) each issue calls back to back, which is how a method keeps an
   * endpoint busy. Workers start spread over one latency period, as calls of a running job are, rather than all in
   * the same microsecond (a synchronized wave would measure the harness, not the gateway). The first {@code warmUp}
   * completions, and after them as long as the client's JIT compiler threads are still busy (up to four minutes: a
   * loaded machine starves them, and compiling inside the window would be counted as the client's CPU per call), let
   * both JITs settle; the window covers the next {@code measured} completions, and every worker keeps going until the
   * window has closed, so no ramp-down falls inside it.
   */
  private static Window run(Llm llm, int warmUp, int measured, int workers, int latencyMs, long serverPid)
      throws Exception {
    Prompt prompt = Prompt.of("You are a benchmark.", "Say something short.");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    long[] rtts = new long[measured];
    Window window = new Window();
    java.util.concurrent.atomic.AtomicBoolean jitSettled = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger startIndex = new java.util.concurrent.atomic.AtomicInteger();
    long begun = System.nanoTime();
    Thread monitor = Thread.ofPlatform().daemon().name("bench-jit-monitor").start(() -> {
      try {
        long last = compilerCpu();
        while (!jitSettled.get()) {
          Thread.sleep(1000);
          long now = compilerCpu();
          boolean quiet = now - last < JIT_QUIET_NANOS_PER_SECOND;
          boolean timeUp = System.nanoTime() - begun > JIT_WAIT_LIMIT_NANOS;
          if (done.get() >= warmUp && (quiet || timeUp)) {
            window.jitNote = quiet ? "the JIT compilers had gone quiet" : "the JIT compilers were still busy";
            jitSettled.set(true);
          }
          last = now;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        long delayMicros = (long) w * latencyMs * 1000 / workers;
        fs.add(exec.submit(() -> {
          java.util.concurrent.TimeUnit.MICROSECONDS.sleep(delayMicros);
          while (closed.getCount() > 0) {
            int i = issued.getAndIncrement();
            long t0 = System.nanoTime();
            llm.text(prompt, "bench/" + i);
            long rtt = (System.nanoTime() - t0) / 1000;
            int d = done.incrementAndGet();
            if (d >= warmUp && jitSettled.get() && startIndex.get() == 0 && startIndex.compareAndSet(0, d)) {
              window.startNanos = System.nanoTime();
              window.startCpu = os.getProcessCpuTime();
              window.startServerCpu = serverPid == 0 ? 0 : cpuNanos(serverPid);
              window.startThreads = threadCpu();
              continue;
            }
            int s = startIndex.get();
            if (s > 0 && d > s && d <= s + measured) {
              rtts[d - s - 1] = rtt;
              if (d == s + measured) {
                window.endNanos = System.nanoTime();
                window.endCpu = os.getProcessCpuTime();
                window.endServerCpu = serverPid == 0 ? 0 : cpuNanos(serverPid);
                window.endThreads = threadCpu();
                closed.countDown();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    monitor.interrupt();
    window.warmUpCalls = startIndex.get();
    window.warmUpSeconds = (window.startNanos - begun) / 1e9;
    lastRtts = rtts;
    return window;
  }

  private static String percentiles() {
    long[] sorted = lastRtts.clone();
    java.util.Arrays.sort(sorted);
    java.util.function.IntFunction<Double> p = q -> sorted[Math.min(sorted.length - 1, sorted.length * q / 100)]
        / 1000.0;
    return String.format(Locale.ROOT, "round trip p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", p.apply(50),
        p.apply(90), p.apply(99), sorted[sorted.length - 1] / 1000.0);
  }

  /**
   * The client's CPU time by thread group (carrier threads, the JIT's compiler threads, GC threads, ...), from
   * /proc/self/task: where the time that no Java profiler sees goes. Thread names are cut to 15 characters by the
   * kernel; digits are folded so that numbered threads add up. Empty where /proc is not available.
   */
  private static Map<String, Long> threadCpu() {
    Map<String, Long> out = new TreeMap<>();
    try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of(
        "/proc/self/task"))) {
      for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
        try {
          String stat = java.nio.file.Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] f = stat.substring(close + 2).split(" ");
          String group = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
          long user = Long.parseLong(f[11]) * 10_000_000L;
          long sys = Long.parseLong(f[12]) * 10_000_000L;
          out.merge(group + " user", user, Long::sum);
          out.merge(group + " sys", sys, Long::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
    } catch (java.io.IOException e) {
      return Map.of();
    }
    return out;
  }

  private static String threadBreakdown(Window w, int requests) {
    StringBuilder b = new StringBuilder("client CPU per call by thread group (ms; threads that ended in the window"
        + " are missing):");
    w.endThreads.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - w.startThreads.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> b.append(String.format(Locale.ROOT, "%n  %-22s %.3f", e.getKey(), e.getValue() / 1e6
            / requests)));
    return b.toString();
  }

  /** CPU time of a process (user + system) from /proc, in nanoseconds; 0 where /proc is not available. */
  private static long cpuNanos(long pid) {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")).split("\\) ")[1]
          .split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // clock ticks of 10 ms
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static Process startServer(int latency, int capacity) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseParallelGC"));
    String extra = System.getenv("SYNTHKIT_SIM_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SimServer.class.getName(),
        Integer.toString(latency), Integer.toString(capacity)));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static int awaitPort(Process server) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    while (line != null && !line.startsWith("READY ")) {
      line = r.readLine(); // JVM options (JFR, logging) may print first
    }
    if (line == null) {
      throw new IllegalStateException("simulator did not start");
    }
    return Integer.parseInt(line.substring(6).strip());
  }
}
