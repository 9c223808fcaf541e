package io.synthkit.bench;

import com.sun.management.OperatingSystemMXBean;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.Llm;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.Prompt;
import io.synthkit.llm.ProviderKind;
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
      int port = inProcess ? local.port() : awaitPort(server);
      ModelConfig model = new ModelConfig(ProviderKind.OPENAI, "http://127.0.0.1:" + port + "/v1", null, "bench",
          null, null, 16, null, null, capacity, null, null, 30, 6, 0, null, adaptive, null, null, null, null);
      try (Gateway gateway = Gateway.builder().model("default", model).build()) {
        Llm llm = gateway.llm("default");
        run(llm, capacity * 20, "warm-up", capacity); // let both JITs settle before measuring
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long server0 = inProcess ? 0 : cpuNanos(server.pid());
        long t0 = System.nanoTime();
        run(llm, requests, "measured", capacity);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuMsPerCall = (os.getProcessCpuTime() - cpu0) / 1e6 / requests;
        double serverMsPerCall = inProcess ? 0 : (cpuNanos(server.pid()) - server0) / 1e6 / requests;
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

  /** Round-trip times of the last measured phase, in microseconds. */
  private static long[] lastRtts = new long[0];

  /**
   * A closed loop: C workers (the endpoint's concurrency) each issue calls back to back until n calls are done, which
   * is how a method keeps an endpoint busy. Records every call's round trip.
   */
  private static void run(Llm llm, int n, String phase, int workers) throws Exception {
    Prompt prompt = Prompt.of("You are a benchmark.", "Say something short.");
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    long[] rtts = new long[n];
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> fs = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        fs.add(exec.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            llm.text(prompt, phase + "/" + i);
            rtts[i] = (System.nanoTime() - t0) / 1000;
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    }
    lastRtts = rtts;
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
