package io.synthkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.embed.Embedders;
import io.synthkit.json.Json;
import io.synthkit.llm.EndpointCheck;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.BudgetExhaustedException;
import io.synthkit.spi.Method;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.RunContext;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStorageException;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Runs a method against a config in its run directory: opens and locks the directory, checks that a resumed run keeps
 * its config, wires the gateway to the run's response cache, runs the method, and writes the manifest (periodically,
 * and on every way out: completion, budget, failure, Ctrl-C). It runs on the caller's thread; an interrupt cancels it.
 *
 * <p>Everything about a run other than its config (quality screen, components, listener) is given in a
 * {@link RunSetup}: the engine knows nothing of what is built on it.
 */
public final class Runner {

  /** The state fact holding the step times of earlier sessions ({@link StepClock#json}). */
  private static final String STEP_TIMES = "step_seconds";

  private Runner() {}

  /** A method with its parameters bound: everything about the config is validated before the run directory opens. */
  private record Prepared<P>(Method<P> method, P params) {
    static <P> Prepared<P> of(Method<P> method, RunConfig config) {
      P params = config.bind(method.name(), method.paramsType());
      method.validate(params, config);
      return new Prepared<>(method, params);
    }

    void run(RunContext ctx) {
      method.run(ctx, params);
    }
  }

  /**
   * Runs (or resumes) a method to its end on the calling thread.
   *
   * @param method the method
   * @param config the config
   * @param setup the screen, components and listener
   * @return how the run ended
   * @throws SynthkitException when the config is invalid (before anything is written)
   */
  public static RunResult execute(Method<?> method, RunConfig config, RunSetup setup) {
    if (!method.name().equals(config.method())) {
      throw new IllegalArgumentException("config is for " + config.method() + ", not " + method.name());
    }
    long startNanos = System.nanoTime();
    Prepared<?> prepared = Prepared.of(method, config);
    PromptLibrary prompts = PromptLibrary.withOverrides(config.promptsDir());
    RunListener listener = setup.listener();
    // Mistakes in the config are found now, before the run directory exists: a rerun after the fix starts clean.
    checkEmbeddings(config);
    checkOutputDir(config);
    EndpointCheck.check(config.models());
    try (SimulatedEndpoints simulators = SimulatedEndpoints.start(config.models(), setup.responder());
        RunDirectory dir = RunDirectory.open(config.runDir(), setup.fresh(), listener);
        StateStore state = new StateStore(setup.rebuildState() ? dir.setStateAside(listener)
            : dir.file(RunOutput.STATE))) {
      checkFingerprint(state, config, dir, listener);
      UsageMeter meter = new UsageMeter(state.loadUsage());
      boolean wasSimulated = state.fact("simulated").map(Boolean::parseBoolean).orElse(false);
      String startedAt = state.fact("started_at").orElseGet(() -> {
        String now = Instant.now().toString();
        state.fact("started_at", now);
        return now;
      });
      double earlierWall = state.fact("wall_seconds").map(Double::parseDouble).orElse(0.0);
      int sessions = state.fact("sessions").map(Integer::parseInt).orElse(0) + 1;
      state.fact("sessions", Integer.toString(sessions));
      RetryWaits waits = new RetryWaits();
      GatewayNotes notes = new GatewayNotes(listener, state, waits);
      try (Gateway gateway = Gateway.builder().models(simulators.models()).cache(state).meter(meter)
          .budget(config.budget()).prompts(prompts).listener(notes).learned(notes.earlier())
          .batchJournal(state.batchJournal()).fanOut(setup.fanOut()).build();
          DatasetSink sink = new DatasetSink(dir.path(), config.target(), method.name(),
              () -> wasSimulated || gateway.simulated());
          ProgressTicker progress = new ProgressTicker(listener, sink, meter, waits,
              new StepClock(state.fact(STEP_TIMES).orElse(null)));
          Run ctx = new Run(config, gateway, sink, prompts, progress, state, setup)) {
        notes.attach(sink);
        progress.batches(() -> gateway.batchStats().snapshot().line());
        if (sink.repairedBytes() > 0) {
          listener.notice("dropped " + sink.repairedBytes() + " bytes of an incomplete last line left by an"
              + " interrupted session");
        }
        config.notices().forEach(listener::notice);
        OversizedSeeds.check(config).forEach(listener::notice);
        ManifestWriter manifests = new ManifestWriter(dir, config, method, sink, meter, gateway, ctx, startedAt,
            earlierWall, startNanos, sessions, () -> wasSimulated || gateway.simulated(), progress.clock());
        manifests.write(RunStatus.RUNNING, null);
        Outcome outcome;
        try (Ticker ticker = Ticker.every(5, () -> {
          state.saveCounters(meter);
          state.fact(STEP_TIMES, progress.clock().json(System.nanoTime()));
          manifests.write(RunStatus.RUNNING, null);
        })) {
          outcome = runMethod(prepared, ctx, sink, dir);
        } finally {
          progress.stopClock();
          // A cancel interrupts this thread; clear the flag so the final writes (interruptible NIO) still happen.
          Thread.interrupted();
        }
        boolean simulated = wasSimulated || gateway.simulated();
        if (sink.divergences() > 0) {
          listener.notice("warning: " + sink.divergences() + " replayed records differ from what an earlier session"
              + " wrote; the earlier versions were kept");
        }
        try {
          state.fact("simulated", Boolean.toString(simulated));
          state.saveCounters(meter);
          state.fact("wall_seconds", Double.toString(earlierWall + (System.nanoTime() - startNanos) / 1e9));
          state.fact(STEP_TIMES, progress.clock().json(System.nanoTime()));
          manifests.write(outcome.status(), outcome.message());
        } catch (RunStorageException e) {
          // A full disk can fail these last writes too: say so (once) and still try to mark the manifest failed.
          outcome = outcome.status() == RunStatus.FAILED ? outcome
              : new Outcome(RunStatus.FAILED, e.exitCode(), e.getMessage());
          manifests.writeInPlace(RunStatus.FAILED, outcome.message());
        }
        progress.outcome(outcome.status().wire());
        return new RunResult(outcome.status(), outcome.exitCode(), dir.path(), sink.accepted(), sink.rejected(),
            meter.total(), simulated, outcome.message());
      }
    }
  }

  /** An unknown embeddings provider would otherwise surface only when a stage first embeds, or never. */
  private static void checkEmbeddings(RunConfig config) {
    String name = config.embeddings().provider().strip();
    List<String> known = Embedders.providerNames();
    if (!name.equals("local") && !known.contains(name)) {
      throw SynthkitException.input("unknown embeddings.provider \"" + name + "\"; available: "
          + String.join(", ", known));
    }
  }

  private record Outcome(RunStatus status, int exitCode, @Nullable String message) {}

  private static Outcome runMethod(Prepared<?> prepared, Run ctx, DatasetSink sink, RunDirectory dir) {
    try {
      if (!sink.full()) {
        prepared.run(ctx);
      }
      if (sink.full()) {
        return new Outcome(RunStatus.COMPLETED, 0, null);
      }
      String stopped = ctx.summarySnapshot().path("stopped").asText(null);
      return new Outcome(RunStatus.INCOMPLETE, SynthkitException.EXIT_INCOMPLETE,
          Shortfall.describe(sink.accepted(), sink.target(), stopped, sink.rejectedBySteps()));
    } catch (BudgetExhaustedException e) {
      return new Outcome(RunStatus.BUDGET_EXHAUSTED, e.exitCode(), e.getMessage());
    } catch (SynthkitException e) {
      return new Outcome(RunStatus.FAILED, e.exitCode(), e.getMessage());
    } catch (CancellationException e) {
      return new Outcome(RunStatus.INTERRUPTED, 130, "interrupted; run the same command to resume");
    } catch (RuntimeException | Error e) {
      if (Thread.currentThread().isInterrupted()) {
        return new Outcome(RunStatus.INTERRUPTED, 130, "interrupted; run the same command to resume");
      }
      writeErrorLog(dir, e);
      return new Outcome(RunStatus.FAILED, SynthkitException.EXIT_INTERNAL, "internal error: " + e
          + " (stack trace in " + dir.file(RunOutput.ERROR_LOG) + ")");
    }
  }

  /**
   * A URI in {@code output_dir} ({@code hdfs://}, {@code s3a://}, {@code file:///}) would otherwise be taken as a
   * relative path and make a directory named {@code hdfs:} here: a single-machine run writes to a local path, and
   * only scale-out ({@code --spark}, which keeps its shards on a Hadoop file system) reads such URIs.
   */
  private static void checkOutputDir(RunConfig config) {
    String out = config.tree().path("output_dir").asText("");
    if (out.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      throw SynthkitException.input("output_dir " + out + " is a URI: a run on one machine writes to a local path"
          + " (give it as a path); a Hadoop file system URI (hdfs://, s3a://, ...) needs --spark");
    }
  }

  /**
   * Refuses to resume a run with a config (or seed file) that would change what it produces. A run that has nothing
   * yet (no paid model reply, no record) takes the new config instead: that is a user fixing a mistake.
   */
  private static void checkFingerprint(StateStore state, RunConfig config, RunDirectory dir, RunListener listener) {
    ObjectNode now = ConfigFingerprint.of(config.redacted(), config.baseDir());
    String canonical = ConfigFingerprint.canonical(now);
    var stored = state.fact("config_fingerprint");
    if (stored.isEmpty() || stored.get().equals(canonical)) {
      state.fact("config_fingerprint", canonical);
      return;
    }
    // Compared as parsed canonical text on both sides, so numbers compare by value whatever their Java type.
    JsonNode before = Json.parse(stored.get());
    JsonNode after = Json.parse(canonical);
    if (!before.has(ConfigFingerprint.FILES)) {
      // Runs made before file contents were fingerprinted: compare what they recorded, then record the files.
      ObjectNode without = now.deepCopy();
      without.remove(ConfigFingerprint.FILES);
      before = before.equals(Json.parse(ConfigFingerprint.canonical(without))) ? after : before;
    }
    List<String> changed = ConfigFingerprint.diff(before, after);
    if (changed.isEmpty()) {
      state.fact("config_fingerprint", canonical);
      return;
    }
    if (state.responseCount() == 0 && RunOutput.of(dir.path()).hasNoRecords()) { // nothing paid for, nothing kept
      listener.notice("the earlier attempt of this run got no model reply and accepted no record; using the changed"
          + " config (" + describe(changed) + ")");
      state.fact("config_fingerprint", canonical);
      return;
    }
    throw SynthkitException.input(config.runDir() + " was made with a different config (changed: "
        + describe(changed) + "). Resume with the original config and files, start over with --fresh (the old run"
        + " is kept as " + config.runDir().getFileName() + ".prev-N), or give the run another name.");
  }

  private static String describe(List<String> changed) {
    return String.join(", ", changed.stream().map(k -> k.startsWith(ConfigFingerprint.FILES + ".")
        ? "the content of the file named by " + k.substring(ConfigFingerprint.FILES.length() + 1) : k).toList());
  }

  private static void writeErrorLog(RunDirectory dir, Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    try {
      Files.writeString(dir.file(RunOutput.ERROR_LOG), Instant.now() + " synthkit " + Version.get() + "\n" + sw);
    } catch (IOException ignored) {
      // the message still names the exception
    }
  }
}
