package io.synthkit.bench;

import io.synthkit.sandbox.graalpy.GraalPySandbox;
import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.SandboxLimits;
import io.synthkit.spi.CodeSandbox;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Measures the GraalPy sandbox: cold start to the first evaluation, then per-snippet time for a small arithmetic
 * snippet, back to back (the worker prepares each fresh context between calls, so this is the throughput bound) and
 * spaced out (the context is ready when the snippet arrives, so this is the latency a caller with gaps sees). Worker
 * mode (one worker JVM) and in-process mode. A last pattern imports {@code fractions}, as many verification snippets
 * do: a fresh context runs the module body again, and the engine is replaced every 100 contexts (GraalPy leak).
 *
 * <p>Run with {@code bin/bench SandboxBench [backToBackRuns [spacedRuns]]} (defaults 500 and 100).
 */
public final class SandboxBench {
  private static final String SNIPPET = "answer = (17 * 23 + 5) // 3";
  private static final String EXPECTED = "132";
  private static final String FRACTIONS = "from fractions import Fraction\nanswer = Fraction(1, 3) + Fraction(1, 6)";
  private static final long GAP_MILLIS = 300;

  private SandboxBench() {}

  /**
   * Runs the benchmark and prints one line per figure.
   *
   * @param args optional run counts
   * @throws InterruptedException if interrupted while spacing runs
   */
  public static void main(String[] args) throws InterruptedException {
    int backToBack = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int spaced = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    System.out.printf("JDK %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
    bench("worker (pool 1)", () -> GraalPySandbox.builder().poolSize(1).build(), backToBack, spaced);
    bench("in-process", GraalPySandbox::inProcess, backToBack, spaced);
  }

  private static void bench(String mode, Supplier<CodeSandbox> factory, int backToBack, int spaced)
      throws InterruptedException {
    long start = System.nanoTime();
    try (CodeSandbox sandbox = factory.get()) {
      once(sandbox, SNIPPET, EXPECTED);
      System.out.printf("%-16s cold start to first result: %.2f s%n", mode, (System.nanoTime() - start) / 1e9);
      for (int i = 0; i < 50; i++) {
        once(sandbox, SNIPPET, EXPECTED); // let Truffle and HotSpot compile the hot paths
      }
      report(mode, "back to back", time(sandbox, SNIPPET, EXPECTED, backToBack, 0), true);
      report(mode, "spaced " + GAP_MILLIS + " ms", time(sandbox, SNIPPET, EXPECTED, spaced, GAP_MILLIS), false);
      report(mode, "fractions b2b", time(sandbox, FRACTIONS, "1/2", spaced, 0), true);
    }
  }

  private static double[] time(CodeSandbox sandbox, String code, String expected, int runs, long gapMillis)
      throws InterruptedException {
    double[] millis = new double[runs];
    for (int i = 0; i < runs; i++) {
      if (gapMillis > 0) {
        Thread.sleep(gapMillis);
      }
      long t = System.nanoTime();
      once(sandbox, code, expected);
      millis[i] = (System.nanoTime() - t) / 1e6;
    }
    return millis;
  }

  private static void once(CodeSandbox sandbox, String code, String expected) {
    ExecutionResult result = sandbox.run(code, SandboxLimits.DEFAULT, "answer");
    if (!(result instanceof ExecutionResult.Ok ok) || !expected.equals(ok.value())) {
      throw new IllegalStateException("unexpected result: " + result);
    }
  }

  private static void report(String mode, String pattern, double[] millis, boolean throughput) {
    Arrays.sort(millis);
    double total = Arrays.stream(millis).sum();
    System.out.printf("%-16s %-15s n=%d median %.2f ms, p90 %.2f ms, max %.1f ms%s%n", mode, pattern, millis.length,
        millis[millis.length / 2], millis[(int) (millis.length * 0.9)], millis[millis.length - 1],
        throughput ? String.format(", %.1f snippets/s", millis.length / (total / 1000)) : "");
  }
}
