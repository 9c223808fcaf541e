package io.synthkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.run.DataRecord;
import io.synthkit.run.DryRun;
import io.synthkit.run.Method;
import io.synthkit.run.RunHandle;
import io.synthkit.run.RunOptions;
import io.synthkit.run.RunResult;
import io.synthkit.run.Runner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java API, mirroring the CLI: load or build a config, run it, read its records.
 *
 * <pre>{@code
 * RunConfig config = Synthkit.loadConfig(Path.of("examples/quickstart.yaml"), "target=20");
 * RunResult result = Synthkit.run(config);
 * List<DataRecord> records = Synthkit.records(result.runDir());
 * }</pre>
 *
 * <p>After a run, as {@code synthkit evaluate}, {@code report} and {@code export} do:
 * {@link io.synthkit.evaluation.Evaluation#of(Path) Evaluation.of(runDir).run()} measures it,
 * {@link io.synthkit.report.Reports#write(Path) Reports.write(runDir)} rewrites its {@code report.html} (every run
 * writes one when it ends), and {@link io.synthkit.export.Exports#write(Path, io.synthkit.export.ExportFormat, Path,
 * io.synthkit.export.FieldMapping) Exports.write(runDir, format, out, mapping)} writes it in a training format.
 */
public final class Synthkit {

  private Synthkit() {}

  /**
   * Loads a YAML config, as {@code synthkit generate CONFIG --set ...} does.
   *
   * @param file the YAML file
   * @param overrides {@code dotted.key=value} overrides
   * @return the validated config
   */
  public static RunConfig loadConfig(Path file, String... overrides) {
    return ConfigLoader.load(file, List.of(overrides), System.getenv(), Methods.names());
  }

  /**
   * Starts building a config in code.
   *
   * @param name the run name
   * @param method the method name
   * @return the builder
   */
  public static ConfigBuilder config(String name, String method) {
    return ConfigBuilder.create(name, method, Methods.names());
  }

  /**
   * Runs (or resumes) a config to its end.
   *
   * @param config the config
   * @return how it ended
   */
  public static RunResult run(RunConfig config) {
    return run(config, RunOptions.DEFAULT);
  }

  /**
   * Runs (or resumes) a config to its end.
   *
   * @param config the config
   * @param options fresh start, progress output, simulator script
   * @return how it ended
   */
  public static RunResult run(RunConfig config, RunOptions options) {
    return Runner.run(Methods.find(config.method()), config, options);
  }

  /**
   * Starts a run on its own thread.
   *
   * @param config the config
   * @param options run options
   * @return a handle to wait for or cancel it
   */
  public static RunHandle start(RunConfig config, RunOptions options) {
    return Runner.start(Methods.find(config.method()), config, options);
  }

  /**
   * Estimates calls, tokens and cost by running the method against the simulator.
   *
   * @param config the config
   * @return the estimate
   */
  public static DryRun.Estimate estimate(RunConfig config) {
    return DryRun.estimate(Methods.find(config.method()), config);
  }

  /**
   * Returns the built-in methods.
   *
   * @return the methods
   */
  public static List<Method<?>> methods() {
    return Methods.all();
  }

  /**
   * Reads the records of a run (or of any {@code dataset.jsonl}-shaped file).
   *
   * @param runDirOrFile a run directory or a JSONL file
   * @return the records, in file order
   */
  public static List<DataRecord> records(Path runDirOrFile) {
    Path file = Files.isDirectory(runDirOrFile) ? runDirOrFile.resolve("dataset.jsonl") : runDirOrFile;
    List<DataRecord> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        ObjectNode n = (ObjectNode) Json.parse(line);
        out.add(new DataRecord(n.path("id").asText(), (ObjectNode) n.get("data"), (ObjectNode) n.get("meta")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      throw SynthkitException.input(file + " is not a synthkit dataset: " + e.getMessage());
    }
    return out;
  }
}
