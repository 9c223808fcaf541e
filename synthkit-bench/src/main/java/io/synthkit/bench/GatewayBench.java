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
 * <pre>bin/bench GatewayBench [C=512] [L_ms=100] [requests=C*30] [adaptive=false]</pre>
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
    Process server = startServer(latency, capacity);
    try {
      int port = awaitPort(server);
      ModelConfig model = new ModelConfig(ProviderKind.OPENAI, "http://127.0.0.1:" + port + "/v1", null, "bench",
          null, null, 16, null, null, capacity, null, null, 30, 6, 0, null, adaptive, null, null, null, null);
      try (Gateway gateway = Gateway.builder().model("default", model).build()) {
        Llm llm = gateway.llm("default");
        run(llm, Math.min(requests, capacity * 5), "warm-up");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        run(llm, requests, "measured");
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuMsPerCall = (os.getProcessCpuTime() - cpu0) / 1e6 / requests;
        double ideal = capacity / (latency / 1000.0);
        double achieved = requests / secs;
        System.out.printf(Locale.ROOT, "capacity C=%d, latency L=%d ms, requests=%d, adaptive=%s%n", capacity,
            latency, requests, adaptive);
        System.out.printf(Locale.ROOT, "ideal C/L: %.0f req/s, achieved: %.0f req/s in %.2f s%n", ideal, achieved,
            secs);
        System.out.printf(Locale.ROOT, "client CPU per call: %.3f ms (process CPU over measured calls)%n",
            cpuMsPerCall);
        System.out.printf(Locale.ROOT, "retries: %d%n", gateway.meter().total().retries());
        System.out.printf(Locale.ROOT, "efficiency: %.3f%n", achieved / ideal);
      }
    } finally {
      server.destroy();
      if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static void run(Llm llm, int n, String phase) throws Exception {
    Prompt prompt = Prompt.of("You are a benchmark.", "Say something short.");
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> fs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String key = phase + "/" + i;
        fs.add(exec.submit(() -> llm.text(prompt, key)));
      }
      for (Future<String> f : fs) {
        f.get();
      }
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
