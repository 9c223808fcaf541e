package io.synthkit;

import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.quality.QualityStages;
import io.synthkit.report.RunReport;
import io.synthkit.run.Components;
import io.synthkit.run.RunOutput;
import io.synthkit.run.RunSetup;
import io.synthkit.run.Runner;
import io.synthkit.run.Version;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java API, mirroring the CLI: load or build a run, run it, read its records.
 *
 * <pre>{@code
 * RunSpec spec = Synthkit.load(Path.of("examples/quickstart.yaml"), "target=20");
 * RunResult result = Synthkit.run(spec);
 * List<DataRecord> records = Synthkit.records(result.runDir());
 * }</pre>
 *
 * <p>After a run, as {@code synthkit evaluate}, {@code report} and {@code export} do:
 * {@link io.synthkit.evaluation.Evaluation#of(Path) Evaluation.of(runDir).run()} measures it,
 * {@link io.synthkit.report.Reports#write(Path) Reports.write(runDir)} rewrites its {@code report.html} (every run
 * writes one when it ends), and {@link io.synthkit.export.Exports#write(Path, io.synthkit.export.ExportFormat, Path,
 * io.synthkit.export.FieldMapping) Exports.write(runDir, format, out, mapping)} writes it in a training format.
 *
 * <p>Failures a user can act on are {@link io.synthkit.spi.SynthkitException}s (with the CLI's exit code); the
 * library writes nothing to stdout or stderr: give a {@link RunListener} in {@link RunOptions} to hear progress and
 * notices (by default notices are logged through SLF4J).
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
   * Loads a YAML run config, as {@code synthkit generate CONFIG --set ...} does.
   *
   * @param file the YAML file
   * @param overrides {@code dotted.key=value} overrides
   * @return the validated spec
   * @throws io.synthkit.spi.SynthkitException (exit 2) naming the file, line and key when something is invalid
   */
  public static RunSpec load(Path file, String... overrides) {
    return new RunSpec(ConfigLoader.load(file, List.of(overrides), System.getenv(), Methods.names()));
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
   * @throws io.synthkit.spi.SynthkitException (exit 2) when the config is invalid; nothing is written then
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
  public static Estimate estimate(RunSpec spec) {
    RunConfig config = spec.config();
    return DryRun.estimate(Methods.find(config.method()), config,
        dry -> setup(dry, RunListener.NONE, RunOptions.DEFAULT));
  }

  private static RunSetup setup(RunConfig config, RunListener listener, RunOptions options) {
    return new RunSetup(options.fresh(), options.rebuildState(), listener, Components.fromConfig(config),
        QualityStages.fromConfig(config), options.responder());
  }

  private static RunListener listener(RunOptions options) {
    return options.listener() != null ? options.listener() : LoggingListener.INSTANCE;
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
}
