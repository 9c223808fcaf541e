package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.SynthkitException;
import io.synthkit.Version;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.llm.BudgetExhaustedException;
import io.synthkit.llm.Gateway;
import io.synthkit.llm.UsageMeter;
import io.synthkit.prompt.PromptLibrary;
import io.synthkit.quality.QualityPipeline;
import io.synthkit.quality.QualityStages;
import io.synthkit.report.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a method against a config in its run directory: opens and locks the directory, checks that a resumed run keeps
 * its config, wires the gateway to the run's response cache, runs the method, and writes the manifest (periodically,
 * and on every way out: completion, budget, failure, Ctrl-C). Start one with {@link #start}; the {@link RunHandle}
 * waits for it or cancels it.
 */
public final class Runner {

  private Runner() {}

  /**
   * Runs to the end and returns the result.
   *
   * @param method the method
   * @param config the config
   * @param options run options
   * @return the result
   */
  public static RunResult run(Method<?> method, RunConfig config, RunOptions options) {
    return start(method, config, options).await();
  }

  /**
   * Starts a run on its own thread.
   *
   * @param method the method
   * @param config the config
   * @param options run options
   * @return a handle to wait for or cancel the run
   */
  public static RunHandle start(Method<?> method, RunConfig config, RunOptions options) {
    return start(method, config, options, true);
  }

  /** As {@link #start(Method, RunConfig, RunOptions)}; {@code report} false skips report.html (dry runs). */
  static RunHandle start(Method<?> method, RunConfig config, RunOptions options, boolean report) {
    if (!method.name().equals(config.method())) {
      throw new IllegalArgumentException("config is for " + config.method() + ", not " + method.name());
    }
    return RunHandle.start(() -> execute(method, config, options, report));
  }

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

  private static RunResult execute(Method<?> method, RunConfig config, RunOptions options, boolean withReport) {
    long startNanos = System.nanoTime();
    Prepared<?> prepared = Prepared.of(method, config);
    RunReport report = withReport ? RunReport.prepare(config) : null;
    QualityPipeline quality = QualityStages.fromConfig(config);
    PromptLibrary prompts = PromptLibrary.withOverrides(config.promptsDir());
    RunResult result;
    try (RunDirectory dir = RunDirectory.open(config.runDir(), options.fresh());
        StateStore state = new StateStore(dir.file(RunDirectory.STATE))) {
      checkFingerprint(state, config);
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
      try (Gateway gateway = Gateway.builder().models(config.models()).cache(state).meter(meter)
          .budget(config.budget()).prompts(prompts).responder(options.responder()).build();
          DatasetSink sink = new DatasetSink(dir.path(), config.target(), method.name(),
              () -> wasSimulated || gateway.simulated());
          Progress progress = new Progress(options.progress(), options.tty(), sink, meter, options.progress() != null);
          RunContext ctx = new RunContext(config, gateway, sink, prompts, progress, state, quality)) {
        if (sink.repairedBytes() > 0) {
          System.err.println("synthkit: dropped " + sink.repairedBytes() + " bytes of an incomplete last line left by"
              + " an interrupted session");
        }
        for (String notice : config.notices()) {
          System.err.println("synthkit: " + notice);
        }
        ManifestWriter manifests = new ManifestWriter(dir, config, method, sink, meter, gateway, ctx, startedAt,
            earlierWall, startNanos, sessions, () -> wasSimulated || gateway.simulated());
        manifests.write(RunStatus.RUNNING, null);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "synthkit-manifest");
          t.setDaemon(true);
          return t;
        });
        ticker.scheduleAtFixedRate(() -> {
          state.saveCounters(meter);
          manifests.write(RunStatus.RUNNING, null);
        }, 5, 5, TimeUnit.SECONDS);
        Outcome outcome;
        try {
          outcome = runMethod(prepared, ctx, sink, dir);
        } finally {
          ticker.shutdownNow();
          // A cancel interrupts this thread; clear the flag so the final writes (interruptible NIO) still happen.
          Thread.interrupted();
        }
        boolean simulated = wasSimulated || gateway.simulated();
        state.fact("simulated", Boolean.toString(simulated));
        state.saveCounters(meter);
        state.fact("wall_seconds", Double.toString(earlierWall + (System.nanoTime() - startNanos) / 1e9));
        warnOnDivergence(sink);
        manifests.write(outcome.status(), outcome.message());
        progress.status(outcome.status().wire());
        result = new RunResult(outcome.status(), outcome.exitCode(), dir.path(), sink.accepted(), sink.rejected(),
            meter.total(), simulated, outcome.message());
      }
    }
    // After the directory is closed and unlocked, so the report reads complete files.
    if (report != null) {
      report.write(result);
    }
    return result;
  }

  private record Outcome(RunStatus status, int exitCode, String message) {}

  private static Outcome runMethod(Prepared<?> prepared, RunContext ctx, DatasetSink sink, RunDirectory dir) {
    try {
      if (!sink.full()) {
        prepared.run(ctx);
      }
      String note = sink.full() ? null : "the method finished its work with " + sink.accepted() + " of "
          + sink.target() + " records";
      return new Outcome(RunStatus.COMPLETED, 0, note);
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
          + " (stack trace in " + dir.file("error.log") + ")");
    }
  }

  private static void checkFingerprint(StateStore state, RunConfig config) {
    ObjectNode now = ConfigFingerprint.of(config.redacted());
    String canonical = ConfigFingerprint.canonical(now);
    var stored = state.fact("config_fingerprint");
    if (stored.isEmpty()) {
      state.fact("config_fingerprint", canonical);
      return;
    }
    if (!stored.get().equals(canonical)) {
      List<String> changed = ConfigFingerprint.diff(Json.parse(stored.get()), Json.parse(canonical));
      throw SynthkitException.input(config.runDir() + " was made with a different config (changed: "
          + String.join(", ", changed) + "). Resume with the original config, start over with --fresh (the old"
          + " run is kept), or give the run another name.");
    }
  }

  private static void warnOnDivergence(DatasetSink sink) {
    if (sink.divergences() > 0) {
      System.err.println("synthkit: warning: " + sink.divergences() + " replayed records differ from what an earlier"
          + " session wrote; the earlier versions were kept");
    }
  }

  private static void writeErrorLog(RunDirectory dir, Throwable e) {
    StringWriter sw = new StringWriter();
    e.printStackTrace(new PrintWriter(sw));
    try {
      Files.writeString(dir.file("error.log"), Instant.now() + " synthkit " + Version.get() + "\n" + sw);
    } catch (IOException ignored) {
      // the message still names the exception
    }
  }
}
