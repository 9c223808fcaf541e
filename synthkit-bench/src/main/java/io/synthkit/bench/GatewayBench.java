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
        System.out.println(percentiles());
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
  }

  /**
   * A closed loop: C workers (the endpoint's concurrency) each issue calls back to back, which is how a method keeps an
   * endpoint busy. Workers start spread over one latency period, as calls of a running job are, rather than all in
   * the same microsecond (a synchronized wave would measure the harness, not the gateway). The first {@code warmUp}
   * completions let both JITs settle; the window covers the next {@code measured} completions, and every worker keeps
   * going until the window has closed, so no ramp-down falls inside it.
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
            if (d == warmUp) {
              window.startNanos = System.nanoTime();
              window.startCpu = os.getProcessCpuTime();
              window.startServerCpu = serverPid == 0 ? 0 : cpuNanos(serverPid);
            } else if (d > warmUp && d <= warmUp + measured) {
              rtts[d - warmUp - 1] = rtt;
              if (d == warmUp + measured) {
                window.endNanos = System.nanoTime();
                window.endCpu = os.getProcessCpuTime();
                window.endServerCpu = serverPid == 0 ? 0 : cpuNanos(serverPid);
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
