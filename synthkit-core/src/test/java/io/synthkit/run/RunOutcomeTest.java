package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.RunConfig;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the runner ends a run and what it leaves behind (result, manifest, state, error log, notices) for each way a
 * method can end, and the config checks made before a run directory exists; with {@link Scripted}, no model.
 */
@Timeout(120)
class RunOutcomeTest {

  @TempDir
  Path dir;

  private final NoticeRecorder listener = new NoticeRecorder();

  private final List<String> notices = listener.notices;

  private ConfigBuilder config(int target, int offer, Scripted.End end) {
    return ConfigBuilder.create("t", Scripted.NAME, Set.of(Scripted.NAME)).target(target).simulated()
        .outputDir(dir.resolve("runs")).set(Scripted.NAME + ".offer", offer)
        .set(Scripted.NAME + ".end", end.name()).baseDir(dir).environment(Map.of());
  }

  private RunResult run(Scripted method, RunConfig config) {
    return Runs.run(method, config, RunOptions.DEFAULT.withListener(listener));
  }

  private static String fact(Path runDir, String key) {
    try (StateStore s = new StateStore(runDir.resolve(RunOutput.STATE))) {
      return s.fact(key).orElseThrow(() -> new AssertionError("no fact " + key));
    }
  }

  @Test
  void aRunThatReachesItsTarget_isCompleted_andItsManifestAndStateSaySo() {
    Scripted method = new Scripted();
    RunResult r = run(method, config(3, 3, Scripted.End.RETURN).build());
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.exitCode()).isZero();
    assertThat(r.message()).isNull();
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(r.rejected()).isZero();
    assertThat(r.runDir()).isEqualTo(dir.resolve("runs/t"));
    assertThat(method.runs()).isEqualTo(1);
    assertThat(TestRuns.lines(r.runDir(), RunOutput.DATASET)).hasSize(3);
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.name()).isEqualTo("t");
    assertThat(m.method()).isEqualTo(Scripted.NAME);
    assertThat(m.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(m.message()).isNull();
    assertThat(m.target()).isEqualTo(3);
    assertThat(m.accepted()).isEqualTo(3);
    assertThat(m.rejected()).isZero();
    assertThat(m.timings().sessions()).isEqualTo(1);
    assertThat(m.timings().wallSeconds()).isPositive();
    assertThat(fact(r.runDir(), "sessions")).isEqualTo("1");
    assertThat(fact(r.runDir(), "started_at")).isEqualTo(m.timings().startedAt());
    assertThat(Double.parseDouble(fact(r.runDir(), "wall_seconds"))).isPositive();
    assertThat(fact(r.runDir(), "simulated")).isEqualTo(Boolean.toString(r.simulated()));
    assertThat(fact(r.runDir(), "config_fingerprint")).contains("\"offer\"");
    assertThat(r.runDir().resolve(RunOutput.ERROR_LOG)).doesNotExist();
  }

  @Test
  void aResumedRun_countsItsSessions_keepsItsStart_andAddsItsWallTime() {
    RunResult first = run(new Scripted(), config(3, 3, Scripted.End.RETURN).build());
    Manifest.Timings before = Manifest.read(first.runDir()).timings();
    double wallBefore = Double.parseDouble(fact(first.runDir(), "wall_seconds"));
    RunResult second = run(new Scripted(), config(3, 3, Scripted.End.RETURN).build().withTarget(5));
    assertThat(second.status()).isEqualTo(RunStatus.INCOMPLETE); // it offers the same three records again
    Manifest.Timings after = Manifest.read(second.runDir()).timings();
    assertThat(after.sessions()).isEqualTo(2);
    assertThat(fact(second.runDir(), "sessions")).isEqualTo("2");
    assertThat(after.startedAt()).isEqualTo(before.startedAt());
    assertThat(after.wallSeconds()).isGreaterThan(before.wallSeconds());
    assertThat(Double.parseDouble(fact(second.runDir(), "wall_seconds"))).isGreaterThan(wallBefore);
  }

  @Test
  void aRunAlreadyAtItsTarget_doesNotCallTheMethodAgain() {
    run(new Scripted(), config(3, 3, Scripted.End.RETURN).build());
    Scripted again = new Scripted();
    RunResult r = run(again, config(3, 3, Scripted.End.RETURN).build());
    assertThat(again.runs()).isZero();
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(Manifest.read(r.runDir()).timings().sessions()).isEqualTo(2);
  }

  @Test
  void aMethodThatEndsShort_leavesAnIncompleteRunWithExit5() {
    RunResult r = run(new Scripted(), config(3, 1, Scripted.End.RETURN).build());
    assertThat(r.status()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(r.exitCode()).isEqualTo(SynthkitException.EXIT_INCOMPLETE);
    assertThat(r.message()).startsWith("the method finished its work with 1 of 3 records");
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(m.message()).isEqualTo(r.message());
    assertThat(m.accepted()).isEqualTo(1);
  }

  @Test
  void anUnexpectedException_failsTheRunWithExit1_andWritesTheStackTrace() throws IOException {
    RunResult r = run(new Scripted(), config(3, 1, Scripted.End.RUNTIME).build());
    Path log = r.runDir().resolve(RunOutput.ERROR_LOG);
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.exitCode()).isEqualTo(SynthkitException.EXIT_INTERNAL);
    assertThat(r.message()).isEqualTo("internal error: java.lang.IllegalStateException: boom (stack trace in "
        + log + ")");
    assertThat(r.accepted()).isEqualTo(1);
    String trace = Files.readString(log);
    assertThat(trace.lines().findFirst().orElseThrow()).endsWith(" synthkit " + Version.get());
    assertThat(trace).contains("java.lang.IllegalStateException: boom", "at io.synthkit.run.Scripted.run(");
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.FAILED);
    assertThat(m.message()).isEqualTo(r.message());
    assertThat(m.accepted()).isEqualTo(1);
  }

  @Test
  void anExceptionAfterAnInterrupt_isACancel_notAnInternalError() {
    RunResult r = run(new Scripted(), config(3, 1, Scripted.End.RUNTIME_INTERRUPTED).build());
    assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(r.message()).isEqualTo("interrupted; run the same command to resume");
    assertThat(r.runDir().resolve(RunOutput.ERROR_LOG)).doesNotExist();
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(m.accepted()).as("the final writes happen despite the interrupt").isEqualTo(1);
  }

  @Test
  void aCancellation_isAnInterruptedRunWithExit130() {
    RunResult r = run(new Scripted(), config(3, 2, Scripted.End.CANCEL).build());
    assertThat(r.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(r.exitCode()).isEqualTo(130);
    assertThat(r.message()).isEqualTo("interrupted; run the same command to resume");
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(m.message()).isEqualTo(r.message());
    assertThat(m.accepted()).isEqualTo(2);
  }

  @Test
  void aSynthkitException_failsTheRunWithItsOwnExitCodeAndMessage() {
    RunResult r = run(new Scripted(), config(3, 0, Scripted.End.SYNTHKIT).build());
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.exitCode()).isEqualTo(SynthkitException.EXIT_ENDPOINT);
    assertThat(r.message()).isEqualTo("the endpoint said no");
    assertThat(r.runDir().resolve(RunOutput.ERROR_LOG)).doesNotExist();
    assertThat(Manifest.read(r.runDir()).message()).isEqualTo("the endpoint said no");
  }

  @Test
  void anExhaustedBudget_isItsOwnStatusWithExit4() {
    RunResult r = run(new Scripted(), config(3, 1, Scripted.End.BUDGET).build());
    assertThat(r.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
    assertThat(r.exitCode()).isEqualTo(SynthkitException.EXIT_BUDGET);
    assertThat(r.message()).isEqualTo("budget.max_tokens 10 reached");
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
    assertThat(m.accepted()).isEqualTo(1);
  }

  @Test
  void aTornLastLine_isDroppedWithANoticeThatCountsItsBytes() throws IOException {
    RunResult first = run(new Scripted(), config(3, 3, Scripted.End.RETURN).build().withTarget(2));
    Files.writeString(first.runDir().resolve(RunOutput.DATASET), "{\"id\": \"r9", StandardOpenOption.APPEND);
    notices.clear();
    RunResult second = run(new Scripted(), config(3, 3, Scripted.End.RETURN).build());
    assertThat(notices).contains("dropped 10 bytes of an incomplete last line left by an interrupted session");
    assertThat(second.accepted()).isEqualTo(3);
  }

  @Test
  void replayedRecordsThatDiffer_areWarnedAbout_andTheEarlierVersionsKept() {
    RunConfig c = config(4, 2, Scripted.End.RETURN).build();
    RunResult first = run(new Scripted("a"), c);
    List<String> before = TestRuns.lines(first.runDir(), RunOutput.DATASET);
    notices.clear();
    run(new Scripted("b"), c);
    assertThat(notices).contains("warning: 2 replayed records differ from what an earlier session wrote; the"
        + " earlier versions were kept");
    assertThat(TestRuns.lines(first.runDir(), RunOutput.DATASET)).isEqualTo(before);
  }

  @Test
  void rebuildState_startsANewStateButKeepsTheRecords() {
    RunConfig c = config(3, 2, Scripted.End.RETURN).build();
    run(new Scripted(), c);
    RunResult r = Runs.run(new Scripted(), c.withTarget(3), RunOptions.DEFAULT.withListener(listener)
        .withRebuiltState());
    assertThat(r.accepted()).isEqualTo(2);
    assertThat(r.runDir().resolve(RunOutput.STATE + ".damaged-1")).exists();
    assertThat(fact(r.runDir(), "sessions")).as("the new state knows no earlier session").isEqualTo("1");
  }

  @Test
  void aConfigForAnotherMethod_isRefused() {
    RunConfig other = TestRuns.selfInstruct(dir, 3).build();
    assertThatThrownBy(() -> Runs.run(new Scripted(), other, RunOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("config is for self-instruct, not scripted");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void anUnknownEmbeddingsProvider_isRefusedBeforeTheRunDirectoryExists() {
    RunConfig c = config(3, 3, Scripted.End.RETURN).set("embeddings.provider", " nope ").build();
    assertThatThrownBy(() -> run(new Scripted(), c)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("unknown embeddings.provider \"nope\"; available: ")
        .hasMessageContaining("hashing");
    assertThat(dir.resolve("runs")).doesNotExist();
  }

  @Test
  void aUriAsOutputDir_isRefusedBeforeAnythingIsWritten() {
    RunConfig c = config(3, 3, Scripted.End.RETURN).set("output_dir", "hdfs://nn/runs").build();
    assertThatThrownBy(() -> run(new Scripted(), c)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("output_dir hdfs://nn/runs is a URI: a run on one machine writes to a local path")
        .hasMessageEndingWith("needs --spark");
    assertThat(dir.resolve("hdfs:")).doesNotExist();
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
