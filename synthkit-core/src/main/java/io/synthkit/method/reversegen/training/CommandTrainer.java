package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code command} trainer: runs the user's own training script (TRL, LLaMA-Factory, ...) once per update. The
 * script finds its inputs in the environment and reports the new model by writing {@code {"model": ..., "base_url":
 * ...}} to {@code $SYNTHKIT_OUTPUT}, or by printing a line {@code SYNTHKIT_MODEL=<id>} (and optionally
 * {@code SYNTHKIT_BASE_URL=<url>}, when the new model is served elsewhere, e.g. by a vLLM server the script started).
 *
 * <p>Environment: {@code SYNTHKIT_STAGE} ({@code warmup} or {@code dpo}), {@code SYNTHKIT_ITERATION} (0 for the
 * warm-up), {@code SYNTHKIT_PAIRS} / {@code SYNTHKIT_PAIRS_OPENAI} (DPO stage: TRL and OpenAI formats),
 * {@code SYNTHKIT_SFT} / {@code SYNTHKIT_SFT_OPENAI} (warm-up stage), {@code SYNTHKIT_BASE_MODEL},
 * {@code SYNTHKIT_BASE_URL}, {@code SYNTHKIT_BETA}, {@code SYNTHKIT_SUFFIX}, {@code SYNTHKIT_OUTPUT},
 * {@code SYNTHKIT_RUN_DIR}. It runs in the config file's directory; its output goes to
 * {@code reversegen/<stage>.command.log} in the run directory. A non-zero exit, a timeout or no model name fails the
 * run with the log's tail. Confined to the method's thread.
 */
final class CommandTrainer implements ProposerTrainer {

  private final TrainerParams p;
  private final Path runDir;
  private final Path workDir;
  private final @Nullable String roleBaseUrl;

  CommandTrainer(TrainerParams p, Path runDir, Path workDir, @Nullable String roleBaseUrl) {
    this.p = p;
    this.runDir = runDir;
    this.workDir = workDir;
    this.roleBaseUrl = roleBaseUrl;
  }

  @Override
  public String name() {
    return "command";
  }

  @Override
  public Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files, TrainedModel current) {
    return Optional.of(run("warmup", 0, Map.of("SYNTHKIT_SFT", files.trl().toString(), "SYNTHKIT_SFT_OPENAI",
        files.openAi().toString()), current));
  }

  @Override
  public Optional<TrainedModel> train(TrainingRound round, TrainedModel current) {
    return Optional.of(run("dpo", round.iteration(), Map.of("SYNTHKIT_PAIRS", round.files().trl().toString(),
        "SYNTHKIT_PAIRS_OPENAI", round.files().openAi().toString()), current));
  }

  @Override
  public List<Instruction> steering(SplittableRandom rng) {
    return List.of();
  }

  @Override
  public ObjectNode describe() {
    return Json.object().put("type", name()).put("beta", p.beta()).put("warmup", p.warmup())
        .put("min_pairs", p.minPairs()).put("command", String.join(" ", command()));
  }

  private TrainedModel run(String stage, int iteration, Map<String, String> inputs, TrainedModel current) {
    String label = stage.equals("warmup") ? "warmup" : "iter-" + iteration;
    Path output = runDir.resolve("reversegen/" + label + ".result.json");
    Path log = runDir.resolve("reversegen/" + label + ".command.log");
    ProcessBuilder pb = new ProcessBuilder(argv()).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.putAll(inputs);
    env.put("SYNTHKIT_STAGE", stage);
    env.put("SYNTHKIT_ITERATION", Integer.toString(iteration));
    env.put("SYNTHKIT_BASE_MODEL", current.model());
    env.put("SYNTHKIT_BASE_URL", current.baseUrl() != null ? current.baseUrl()
        : roleBaseUrl == null ? "" : roleBaseUrl);
    env.put("SYNTHKIT_BETA", Double.toString(p.beta()));
    env.put("SYNTHKIT_SUFFIX", p.suffix() + (stage.equals("warmup") ? "-warmup" : "-i" + iteration));
    env.put("SYNTHKIT_OUTPUT", output.toString());
    env.put("SYNTHKIT_RUN_DIR", runDir.toString());
    int exit = execute(pb, output, log);
    if (exit != 0) {
      throw SynthkitException.input("the trainer command (" + label + ") exited with status " + exit + "; its output"
          + " (" + log + ") ends:\n" + tail(log));
    }
    return result(output, log).orElseThrow(() -> SynthkitException.input("the trainer command (" + label + ")"
        + " succeeded but named no model: write {\"model\": \"...\"} to $SYNTHKIT_OUTPUT or print a line"
        + " SYNTHKIT_MODEL=<model id>; its output (" + log + ") ends:\n" + tail(log)));
  }

  private List<String> command() {
    return Objects.requireNonNull(p.command(), "trainer type command requires a command (TrainerParams checks it)");
  }

  private List<String> argv() {
    List<String> c = command();
    return c.size() == 1 ? List.of("/bin/sh", "-c", c.get(0)) : c;
  }

  private int execute(ProcessBuilder pb, Path output, Path log) {
    Process process;
    try {
      Files.createDirectories(log.getParent());
      Files.deleteIfExists(output); // a result left by an earlier, interrupted attempt must not be read as this one's
      process = pb.start();
    } catch (IOException e) {
      throw SynthkitException.input("cannot start the trainer command " + pb.command() + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(p.timeoutMinutes(), TimeUnit.MINUTES)) {
        stop(process);
        throw SynthkitException.input("the trainer command did not finish within " + p.timeoutMinutes()
            + " minutes (reversegen.trainer.timeout_minutes); its output (" + log + ") ends:\n" + tail(log));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while the trainer command ran");
    }
  }

  /** Stops the command and whatever it started (a training script often spawns workers). */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static Optional<TrainedModel> result(Path output, Path log) {
    try {
      if (Files.exists(output)) {
        JsonNode n = Json.parse(Files.readString(output, StandardCharsets.UTF_8));
        if (n.path("model").isTextual() && !n.get("model").asText().isBlank()) {
          return Optional.of(TrainedModel.fromJson(n));
        }
      }
      String model = null;
      String url = null;
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith("SYNTHKIT_MODEL=")) {
          model = line.substring("SYNTHKIT_MODEL=".length()).strip();
        } else if (line.startsWith("SYNTHKIT_BASE_URL=")) {
          url = line.substring("SYNTHKIT_BASE_URL=".length()).strip();
        }
      }
      if (url != null && !url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
        throw SynthkitException.input("the trainer command printed SYNTHKIT_BASE_URL=" + url + ", which is not an"
            + " http(s) URL");
      }
      return model == null || model.isEmpty() ? Optional.empty()
          : Optional.of(new TrainedModel(model, url == null || url.isEmpty() ? null : url));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SynthkitException e) {
      throw e;
    } catch (RuntimeException e) {
      throw SynthkitException.input("the trainer command wrote " + output + ", which is not JSON like {\"model\":"
          + " \"...\"}: " + e.getMessage(), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 15), lines.size())));
    } catch (IOException e) {
      return "(cannot read the log: " + e.getMessage() + ")";
    }
  }
}
