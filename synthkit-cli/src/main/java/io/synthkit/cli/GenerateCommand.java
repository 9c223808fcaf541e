package io.synthkit.cli;

import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.RunSpec;
import io.synthkit.Synthkit;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.ScaleOut;
import io.synthkit.spi.Usage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit generate CONFIG}: runs, resumes or extends a run; {@code --dry-run} estimates it first. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a dataset from a YAML config. Running the same command again resumes an interrupted run"
        + " (or extends a finished one after raising target) without repeating model calls.",
        "Exit codes: 0 done, 2 config/input error, 3 model endpoint unusable (or down), 4 budget exhausted,"
            + " 5 incomplete (the method finished short of target; the note says why), 6 run directory unusable (disk"
            + " full, damaged state), 1 internal error, 130 interrupted."})
final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CONFIG", description = "the run config (YAML)")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable), e.g."
      + " --set target=200 --set models.default.temperature=0.7")
  List<String> sets = new ArrayList<>();

  @Option(names = "--dry-run", description = "estimate calls, tokens and cost on the simulator; spend nothing")
  boolean dryRun;

  @Option(names = "--fresh", description = "start over; the existing run is kept as <name>.prev-N")
  boolean fresh;

  @Option(names = "--rebuild-state", description = "set a damaged state.db aside and start a new one, keeping the"
      + " records (model calls are made again; no record is written twice)")
  boolean rebuildState;

  @Option(names = {"-q", "--quiet"}, description = "no progress line")
  boolean quiet;

  @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "10", description = "when stderr is not a"
      + " terminal (CI, logs), print a progress line every SECONDS seconds and when the step changes (default: 10)")
  int progressEvery;

  @Option(names = "--spark", paramLabel = "MASTER", description = "split the run into shards that run as Spark"
      + " tasks on MASTER (local[4], spark://host:7077, yarn, k8s://...) and merge them into the run directory;"
      + " shards: scale.shards (default: the cluster's parallelism). Needs the synthkit-spark module, which"
      + " bin/synthkit builds on first use")
  String spark;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    RunSpec cfg = Synthkit.load(config, sets.toArray(String[]::new));
    if (dryRun) {
      printEstimate(Synthkit.estimate(cfg), cfg);
      return 0;
    }
    if (progressEvery < 1) {
      throw io.synthkit.spi.SynthkitException.input("--progress-every must be at least 1 (seconds): " + progressEvery);
    }
    // With --spark, output_dir may be a Hadoop URI that a local path would mangle: the engine names the merged run
    // directory at the end.
    err.println("synthkit: " + cfg.method() + (spark != null ? " on Spark " + spark : " -> " + cfg.runDir())
        + " (target " + cfg.target() + ")");
    ProgressLine progress = new ProgressLine(err, TerminalWidth.interactive(), !quiet,
        java.time.Duration.ofSeconds(progressEvery));
    if (spark != null) {
      if (rebuildState) {
        throw io.synthkit.spi.SynthkitException.input("--rebuild-state works on one run directory; with --spark,"
            + " run it on the damaged shard's directory (<run dir>/shards/shard-N) without --spark");
      }
      RunResult result = scaleOut("spark", "generate").generate(config, sets, spark, fresh, progress);
      printResult(result);
      return result.exitCode();
    }
    RunOptions options = new RunOptions(fresh, rebuildState, progress, null);
    RunHandle handle = Synthkit.start(cfg, options);
    Thread hook = new Thread(() -> {
      if (!handle.done()) {
        System.err.println("\nsynthkit: stopping; writing the manifest (run the same command to resume)");
        handle.cancel(20);
      }
    }, "synthkit-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    RunResult result = handle.await();
    printResult(result);
    return result.exitCode();
  }

  /**
   * Finds a scale-out engine on the class path. The CLI jar does not carry one (Spark alone is about 290 MB):
   * {@code bin/synthkit} puts synthkit-spark's jars on the class path when {@code --spark} is given.
   */
  static ScaleOut scaleOut(String name, String command) {
    return engine(ScaleOut.class, ScaleOut::name, name, command);
  }

  /** Finds a service of a scale-out module by its engine name, or says how to put the module on the class path. */
  static <T> T engine(Class<T> service, java.util.function.Function<T, String> nameOf, String name, String command) {
    for (T s : ServiceLoader.load(service)) {
      if (nameOf.apply(s).equals(name)) {
        return s;
      }
    }
    throw io.synthkit.spi.SynthkitException.input("--" + name + " needs the synthkit-" + name + " module, which is"
        + " not on the class path. bin/synthkit builds and adds it when --" + name + " is given; with java -jar,"
        + " build it (./mvnw -pl synthkit-" + name + " -am package -DskipTests) and run java -cp"
        + " 'synthkit-cli/target/synthkit.jar:synthkit-" + name + "/target/synthkit-" + name + ".jar:synthkit-" + name
        + "/target/lib/*:synthkit-" + name + "/target/spark-lib/*' io.synthkit.cli.Main " + command + " ...");
  }

  private static void printResult(RunResult r) {
    PrintStream out = System.out;
    Usage u = r.usage();
    out.printf(Locale.ROOT, "status: %s%n", r.status().wire());
    if (r.message() != null) {
      out.println("note: " + r.message());
    }
    out.printf(Locale.ROOT, "records: %d accepted, %d rejected%n", r.accepted(), r.rejected());
    out.printf(Locale.ROOT, "model calls: %d (%d replayed from the run's cache), %d retries, %d failed, tokens: %d"
        + " prompt%s + %d completion%s, cost: $%.4f%n", u.calls(), u.cacheHits(), u.retries(), u.failures(),
        u.promptTokens(), u.cachedTokens() > 0 ? " (" + u.cachedTokens() + " from the provider's prompt cache)" : "",
        u.completionTokens(), u.reasoningTokens() > 0 ? " (" + u.reasoningTokens() + " reasoning)" : "", u.costUsd());
    out.println("run directory: " + r.runDir());
    if (r.simulated()) {
      out.println("SIMULATED: the records are placeholder text from synthkit's simulator, not real data."
          + " Configure models.default (or set OPENAI_API_KEY / ANTHROPIC_API_KEY) for real generation.");
    }
    if (r.status() == RunStatus.BUDGET_EXHAUSTED) {
      out.println("raise budget.max_cost_usd / budget.max_tokens and run the same command to continue");
    }
  }

  private static void printEstimate(RunSpec.Estimate e, RunSpec cfg) {
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "dry run of %s (target %d) on the simulator: %d records, %d rejected%n", cfg.method(),
        cfg.target(), e.records(), e.rejected());
    out.printf(Locale.ROOT, "%-14s %8s %12s %12s %10s%n", "role", "calls", "prompt tok", "compl. tok", "cost $");
    for (Map.Entry<String, Usage> row : e.byRole().entrySet()) {
      Usage u = row.getValue();
      out.printf(Locale.ROOT, "%-14s %8d %12d %12d %10.4f%n", row.getKey(), u.calls(), u.promptTokens(),
          u.completionTokens(), u.costUsd());
    }
    Usage t = e.total();
    out.printf(Locale.ROOT, "%-14s %8d %12d %12d %10.4f%n", "total", t.calls(), t.promptTokens(),
        t.completionTokens(), t.costUsd());
    out.println("Prompt tokens are counted on the real prompts; completion lengths come from the simulator, so real"
        + " replies may be longer. Costs use each role's configured price (none set = $0).");
  }
}
