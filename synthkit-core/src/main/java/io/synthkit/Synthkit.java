package io.synthkit;

import io.synthkit.benchmark.BenchmarkReport;
import io.synthkit.benchmark.BenchmarkSpec;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.evaluation.EvaluationPlan;
import io.synthkit.export.Exports;
import io.synthkit.llm.Budget;
import io.synthkit.llm.ModelConfig;
import io.synthkit.method.Methods;
import io.synthkit.persona.PersonaGenerator;
import io.synthkit.persona.PersonaJob;
import io.synthkit.quality.QualityStages;
import io.synthkit.report.ReportOptions;
import io.synthkit.report.Reports;
import io.synthkit.report.RunReport;
import io.synthkit.run.Components;
import io.synthkit.run.ModelSession;
import io.synthkit.run.RunOutput;
import io.synthkit.run.RunSetup;
import io.synthkit.run.Runner;
import io.synthkit.run.Version;
import io.synthkit.secret.Secrets;
import io.synthkit.sim.Responder;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Method;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The Java API, mirroring the CLI: load or build a run, run it, read its records, then evaluate, report, export and
 * benchmark it; build persona pools; describe the methods. Everything here is a static method taking and returning
 * the small immutable values of this package.
 *
 * <pre>{@code
 * RunSpec spec = Synthkit.load(Path.of("examples/quickstart.yaml"), "target=20");
 * RunResult result = Synthkit.run(spec);
 * List<DataRecord> records = Synthkit.records(result.runDir());
 * Evaluation.Result metrics = Synthkit.evaluate(Evaluation.of(result.runDir()));
 * Export.Result file = Synthkit.export(Export.of(result.runDir(), Export.Format.ALPACA, Path.of("train.jsonl")));
 * }</pre>
 *
 * <p>Every run writes its {@code report.html} when it ends; {@link #report(Path, Evaluation.Report)} rewrites it with
 * other options. The prompts are {@link io.synthkit.spi.PromptLibrary}'s: list, read and export them there.
 *
 * <p>Failures a user can act on are {@link io.synthkit.spi.SynthkitException}s (with the CLI's exit code); the
 * library writes nothing to stdout or stderr: give a {@link RunListener} (in {@link RunOptions}, {@link Benchmark} or
 * {@link Personas}) to hear progress and notices (by default notices are logged through SLF4J).
 */
public final class Synthkit {

  private Synthkit() {}

  /**
   * Returns the synthkit version.
   *
   * @return for example {@code 0.1.0}
   */
  public static String version() {
    return Version.get();
  }

  /**
   * Removes secrets from a text: every API key, header value and URL user-info configured in this process, and
   * anything shaped like a credential ({@code Bearer ...}, {@code sk-...}, {@code http://user:pw@host}). synthkit
   * redacts everything it writes itself (run files, messages); a caller that prints what it gets back, as the CLI does,
   * passes it through this too.
   *
   * @param text any text, or {@code null}
   * @return the text with each secret replaced by {@code <redacted>}
   */
  public static @Nullable String redact(@Nullable String text) {
    return Secrets.redact(text);
  }

  /**
   * Loads a YAML run config, as {@code synthkit generate CONFIG --set ...} does.
   *
   * @param file the YAML file
   * @param overrides {@code dotted.key=value} overrides
   * @return the validated spec
   * @throws io.synthkit.spi.SynthkitException (exit 2) naming the file, line and key when something is invalid
   */
  public static RunSpec load(Path file, String... overrides) {
    return new RunSpec(config(file, List.of(overrides)));
  }

  /** Loads a YAML config: the one place every entry point (and so every command) reads a config file. */
  private static RunConfig config(Path file, List<String> overrides) {
    return ConfigLoader.load(file, overrides, System.getenv(), Methods.names());
  }

  /**
   * Starts building a run in code.
   *
   * @param name the run name
   * @param method the method name
   * @return the builder
   */
  public static RunSpec.Builder spec(String name, String method) {
    return new RunSpec.Builder(name, method);
  }

  /**
   * Runs (or resumes) a run to its end, logging notices through SLF4J.
   *
   * @param spec the run
   * @return how it ended
   */
  public static RunResult run(RunSpec spec) {
    return run(spec, RunOptions.DEFAULT);
  }

  /**
   * Runs (or resumes) a run to its end.
   *
   * @param spec the run
   * @param options fresh start, listener, simulator script
   * @return how it ended
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the config is invalid or a key is missing, and
   *     {@link io.synthkit.spi.EndpointException} (exit 3) when nothing answers at a configured model server; nothing
   *     is written then
   */
  public static RunResult run(RunSpec spec, RunOptions options) {
    return start(spec, options).await();
  }

  /**
   * Starts a run on its own thread.
   *
   * @param spec the run
   * @param options run options
   * @return a handle to wait for or cancel it
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the config is invalid; nothing is written then (the handle's
   *     {@code await} throws the checks made on the run's thread: a missing key, exit 2, or
   *     {@link io.synthkit.spi.EndpointException}, exit 3, when nothing answers at a configured model server)
   */
  public static RunHandle start(RunSpec spec, RunOptions options) {
    return start(Methods.find(spec.method()), spec.config(), options);
  }

  /** Starts a run of a given method object (tests run methods that are not registered). */
  static RunHandle start(Method<?> method, RunConfig config, RunOptions options) {
    RunListener listener = listener(options);
    RunReport report = RunReport.prepare(config);
    RunSetup setup = setup(config, listener, options);
    return RunHandle.start(() -> {
      RunResult result = Runner.execute(method, config, setup);
      report.write(result, listener);
      return result;
    });
  }

  /**
   * Estimates calls, tokens and cost by running the method against the simulator in a throw-away directory.
   *
   * @param spec the run
   * @return the estimate
   */
  public static RunSpec.Estimate estimate(RunSpec spec) {
    RunConfig config = spec.config();
    return DryRun.estimate(Methods.find(config.method()), config,
        dry -> setup(dry, RunListener.NONE, RunOptions.DEFAULT));
  }

  private static RunSetup setup(RunConfig config, RunListener listener, RunOptions options) {
    return new RunSetup(options.fresh(), options.rebuildState(), listener, Components.fromConfig(config),
        QualityStages.fromConfig(config), options.responder(), options.fanOut());
  }

  private static RunListener listener(RunOptions options) {
    return listener(options.listener());
  }

  private static RunListener listener(@Nullable RunListener given) {
    return given != null ? given : LoggingListener.INSTANCE;
  }

  /**
   * Describes every method: its roles and parameters with defaults.
   *
   * @return the methods, built-in ones first
   */
  public static List<MethodInfo> methods() {
    return Methods.all().stream().map(MethodInfo::of).toList();
  }

  /**
   * Describes one method.
   *
   * @param name the method name
   * @return its description
   * @throws io.synthkit.spi.SynthkitException (exit 2) naming the available methods
   */
  public static MethodInfo method(String name) {
    return MethodInfo.of(Methods.find(name));
  }

  /**
   * Reads the records of a run (or of any {@code dataset.jsonl}-shaped file).
   *
   * @param runDirOrFile a run directory or a JSONL file
   * @return the records, in file order
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the file is not a synthkit dataset
   */
  public static List<DataRecord> records(Path runDirOrFile) {
    return Files.isDirectory(runDirOrFile) ? RunOutput.of(runDirOrFile).records() : RunOutput.records(runDirOrFile);
  }

  /**
   * Measures one or more datasets side by side, as {@code synthkit evaluate} does.
   *
   * @param evaluation the datasets and how to measure them
   * @return the table, the JSON and each dataset's metrics
   * @throws io.synthkit.spi.SynthkitException (exit 2) for a missing or malformed dataset, config or option
   */
  public static Evaluation.Result evaluate(Evaluation evaluation) {
    return evaluate(evaluation, (Responder) null);
  }

  /**
   * Measures datasets as {@link #evaluate(Evaluation)} does, with the per-record work (tokenizing, embedding) done by
   * an engine: how synthkit-spark evaluates on a cluster with the same figures.
   *
   * @param evaluation the datasets and how to measure them
   * @param engine where texts are tokenized and embedded
   * @return the table, the JSON and each dataset's metrics
   * @throws io.synthkit.spi.SynthkitException (exit 2) for a missing or malformed dataset, config or option
   */
  public static Evaluation.Result evaluate(Evaluation evaluation, io.synthkit.evaluation.EvaluationEngine engine) {
    EvaluationPlan plan = evaluation.plan();
    RunConfig config = evaluation.config() == null ? null : config(evaluation.config(), List.of());
    return Evaluation.Result.of(plan.run(config, null, engine));
  }

  /** Evaluates with simulated roles answering through a responder (tests). */
  static Evaluation.Result evaluate(Evaluation evaluation, @Nullable Responder responder) {
    EvaluationPlan plan = evaluation.plan();
    RunConfig config = evaluation.config() == null ? null : config(evaluation.config(), List.of());
    return Evaluation.Result.of(plan.run(config, responder));
  }

  /**
   * Rewrites a run's {@code report.html} (and {@code report.json}) with the default options.
   *
   * @param runDir the run directory
   * @return the report.html file
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the directory is not a run
   */
  public static Path report(Path runDir) {
    return report(runDir, Evaluation.Report.DEFAULT);
  }

  /**
   * Rewrites a run's {@code report.html} (and {@code report.json}), as {@code synthkit report} does.
   *
   * @param runDir the run directory
   * @param options seeds, reference, config, embedder and sample sizes
   * @return the report.html file
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the directory is not a run or an option is invalid
   */
  public static Path report(Path runDir, Evaluation.Report options) {
    ReportOptions internal = options.options();
    if (options.config() != null) {
      internal = internal.withConfig(config(options.config(), List.of()));
    }
    return Reports.write(runDir, internal);
  }

  /**
   * Writes a run (or any JSONL dataset) in a training format with its dataset card, as {@code synthkit export} does.
   *
   * @param export what to write and how
   * @return what was written
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the records lack what the format needs, the mapping is
   *     malformed or a file cannot be written
   */
  public static Export.Result export(Export export) {
    return Export.Result.of(Exports.write(export.source(), export.format().internal(), export.out(),
        export.options()));
  }

  /**
   * Scores model roles on a dataset with an LLM judge and writes the JSON report, as {@code synthkit benchmark} does.
   *
   * @param benchmark the dataset, the models config, the candidates and the judge
   * @return the scores, usage, table and report
   * @throws io.synthkit.spi.SynthkitException (exit 2) for an invalid config, an unknown role or unusable items
   */
  public static Benchmark.Result benchmark(Benchmark benchmark) {
    return benchmark(benchmark, null);
  }

  /** Benchmarks with simulated roles answering through a responder (tests). */
  static Benchmark.Result benchmark(Benchmark benchmark, @Nullable Responder responder) {
    RunListener listener = listener(benchmark.listener());
    RunConfig config = config(benchmark.config(),
        ConfigLoader.completeModelsOnly(benchmark.config(), benchmark.overrides()));
    config.notices().forEach(listener::notice);
    List<String> roles = benchmark.models().isEmpty()
        ? io.synthkit.benchmark.Benchmark.defaultCandidates(config, benchmark.judge()) : benchmark.models();
    BenchmarkSpec spec = benchmark.spec(roles);
    listener.notice("benchmarking " + String.join(", ", roles) + " on " + benchmark.dataset() + ", judge "
        + benchmark.judge());
    BenchmarkReport report = io.synthkit.benchmark.Benchmark.run(config, spec, responder);
    Path file = benchmark.out() != null ? benchmark.out()
        : io.synthkit.benchmark.Benchmark.reportFile(benchmark.dataset());
    report.write(file);
    return Benchmark.Result.of(report, file);
  }

  /**
   * Builds a persona pool from a file of texts, as {@code synthkit personas generate} does.
   *
   * @param personas the texts, the output and the model
   * @return what was written
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the output exists (without overwrite), a text is missing,
   *     an option is out of range or the config is invalid
   */
  public static Personas.Result personas(Personas personas) {
    return personas(personas, null);
  }

  /** Builds personas with simulated roles answering through a responder (tests). */
  static Personas.Result personas(Personas personas, @Nullable Responder responder) {
    RunListener listener = listener(personas.listener());
    PersonaJob job = personas.job();
    List<String> texts = job.texts();
    PersonaGenerator.Options options = job.options();
    RunConfig config = personas.config() == null ? null : config(personas.config(), List.of());
    List<String> notices = new ArrayList<>(config == null ? List.of() : config.notices());
    Map<String, ModelConfig> models = config != null ? config.models()
        : Map.of("default", ConfigLoader.defaultModel(System.getenv(), notices));
    notices.forEach(listener::notice);
    PromptLibrary prompts = config == null ? PromptLibrary.defaults() : PromptLibrary.withOverrides(config.promptsDir());
    Budget budget = config == null ? Budget.UNLIMITED : config.budget();
    Personas.Progress progress = personas.progress();
    IntConsumer done = progress == null ? null : n -> progress.texts(n, texts.size());
    try (ModelSession session = ModelSession.open(models, budget, prompts, responder)) {
      return Personas.Result.of(personas.out(), job.run(texts, options, session, prompts, done));
    }
  }
}
