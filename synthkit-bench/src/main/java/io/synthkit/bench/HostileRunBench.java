package io.synthkit.bench;

import io.synthkit.RunOptions;
import io.synthkit.Synthkit;
import io.synthkit.json.Json;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What hostile model-written code costs a run (issue 19): DataGen's math example ({@code examples/datagen-gsm8k.yaml})
 * against the simulator over HTTP, with a scripted model whose first 14 programs for the {@code math_check} stage are
 * hostile (memory bombs, infinite loops, an uncancellable builtin, fork and thread bombs, endless output, file, process
 * and network access, deep recursion) and whose later programs are honest; then the same run with honest programs
 * only. Prints wall time, HTTP requests, and both per accepted record.
 *
 * <p>Run with {@code bin/bench HostileRunBench [target [mode]]} from the repository root (defaults 8 and
 * {@code both}; mode {@code hostile}, {@code honest} or {@code both}).
 */
public final class HostileRunBench {
  static final String HONEST = "apples = 3\nbags = 4\nanswer = apples * bags";

  /** The 14 hostile programs, in the order the model writes them. */
  static final List<String> HOSTILE = List.of(
      "x = []\nwhile True:\n    x.append([0] * 10**6)",
      "s = 'a'\nwhile True:\n    s = s + s",
      "chunks = [bytearray(1 << 20) for _ in range(10**6)]\nanswer = len(chunks)",
      "while True:\n    pass",
      "answer = sum(range(10**13))",
      "import os\nwhile True:\n    os.fork()",
      "import threading\nwhile True:\n    threading.Thread(target=lambda: None).start()",
      "while True:\n    print('x' * 10000)",
      "answer = open('/etc/passwd').read()",
      "open('/tmp/synthkit-hostile', 'w').write('pwned')\nanswer = 1",
      "import socket\nsocket.create_connection(('127.0.0.1', 22))\nanswer = 1",
      "import subprocess\nanswer = subprocess.check_output(['id'])",
      "def f(n):\n    return f(n + 1)\nanswer = f(0)",
      "answer = 7 ** (10 ** 9)");

  private HostileRunBench() {}

  /**
   * Entry point.
   *
   * @param args optional target and mode
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    String mode = args.length > 1 ? args[1] : "both";
    System.out.printf("JDK %s, %d cores, target %d%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
        target);
    if (!mode.equals("honest")) {
      run("hostile", target, HOSTILE.size());
    }
    if (!mode.equals("hostile")) {
      run("honest", target, 0);
    }
  }

  /**
   * CPU seconds of this process plus its reaped children (the sandbox workers that were killed or replaced), from
   * {@code /proc/self/stat}: on a shared machine wall time mostly measures the other builds, CPU time measures us.
   * Workers still running at the end are not counted. Returns NaN off Linux.
   */
  private static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14-17 of proc(5): utime, stime, cutime, cstime, in clock ticks (100 per second on Linux)
      long ticks = 0;
      for (int i = 11; i <= 14; i++) {
        ticks += Long.parseLong(f[i]);
      }
      return ticks / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void run(String label, int target, int hostileCount) throws Exception {
    AtomicInteger programs = new AtomicInteger();
    Responder model = req -> {
      if (!req.callKey().startsWith("math_check/")) {
        return null; // the simulator's schema-valid placeholder
      }
      int n = programs.getAndIncrement();
      String code = n < hostileCount ? HOSTILE.get(n) : HONEST;
      return SimResponse.json(Json.object().put("analysis", "compute it").put("code", code));
    };
    Path dir = Files.createTempDirectory("synthkit-hostile-bench");
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, model)) {
      long t0 = System.nanoTime();
      double cpu0 = cpuSeconds();
      RunResult r = Synthkit.run(Synthkit.load(Path.of("examples", "datagen-gsm8k.yaml"), "target=" + target,
          "output_dir=" + dir, "report.enabled=false", "models.default.provider=openai",
          "models.default.base_url=" + sim.baseUrl(), "models.default.model=gpt-4o-mini",
          "models.default.api_key=sk-bench"), RunOptions.DEFAULT.withListener(RunListener.NONE));
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - cpu0;
      long calls = sim.requests();
      int accepted = Math.max(1, r.accepted());
      System.out.printf(Locale.ROOT, "%-8s %s: %d accepted, %d rejected, %.1f s wall, %.1f s CPU "
          + "(this JVM and its finished sandbox workers), %d requests (%d programs); per accepted record %.2f s wall, "
          + "%.2f s CPU and %.1f requests%n", label, r.status(), r.accepted(), r.rejected(), secs, cpu, calls,
          programs.get(), secs / accepted, cpu / accepted, (double) calls / accepted);
    }
  }
}
