package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command trainer: the environment it gives the script, how it reads the model back, and its errors. */
class CommandTrainerTest {

  @TempDir
  Path dir;

  private CommandTrainer trainer(List<String> command, @Nullable String roleBaseUrl) {
    return new CommandTrainer(new TrainerParams("command", null, 0.5, null, "lab", null, null, null, command, null,
        null), dir.resolve("run"), dir, roleBaseUrl);
  }

  /** The script line that saves the environment the trainer gave it, per stage. */
  private static final String SAVE_ENV = "env | grep '^SYNTHKIT_' > \"$SYNTHKIT_RUN_DIR/env-$SYNTHKIT_STAGE.txt\"\n";

  private CommandTrainer script(String body) throws IOException {
    Files.writeString(dir.resolve("train.sh"), body);
    return trainer(List.of("sh train.sh"), null);
  }

  private TrainingRound round(int iteration) {
    return new TrainingRound(iteration, List.of(), List.of(), new TrainingFiles.Written(dir.resolve("p.trl"),
        dir.resolve("p.openai")));
  }

  private static final TrainedModel BASE = new TrainedModel("base", null);

  private List<String> env(String label) throws IOException {
    return Files.readAllLines(dir.resolve("run/env-" + label + ".txt"));
  }

  @Test
  void warmUp_givesTheScriptTheSftFilesAndTheRolesUrl_andReadsTheModelItPrints() throws IOException {
    Files.writeString(dir.resolve("train.sh"), SAVE_ENV + "echo 'SYNTHKIT_MODEL=  warm-1  '\n");
    CommandTrainer t = trainer(List.of("sh train.sh"), "http://role/v1");
    assertThat(t.warmUp(List.of(), new TrainingFiles.Written(dir.resolve("w.trl"), dir.resolve("w.openai")), BASE))
        .contains(new TrainedModel("warm-1", null));
    assertThat(env("warmup")).contains("SYNTHKIT_STAGE=warmup", "SYNTHKIT_ITERATION=0",
        "SYNTHKIT_SFT=" + dir.resolve("w.trl"), "SYNTHKIT_SFT_OPENAI=" + dir.resolve("w.openai"),
        "SYNTHKIT_BASE_MODEL=base", "SYNTHKIT_BASE_URL=http://role/v1", "SYNTHKIT_BETA=0.5",
        "SYNTHKIT_SUFFIX=lab-warmup", "SYNTHKIT_OUTPUT=" + dir.resolve("run/reversegen/warmup.result.json"),
        "SYNTHKIT_RUN_DIR=" + dir.resolve("run"));
  }

  @Test
  void train_givesThePairs_andTheCurrentModelsOwnUrlWinsOverTheRoles() throws IOException {
    Files.writeString(dir.resolve("train.sh"), SAVE_ENV + "echo SYNTHKIT_MODEL=dpo-3\n"
        + "echo SYNTHKIT_BASE_URL=https://served/v1\n");
    CommandTrainer t = trainer(List.of("sh train.sh"), "http://role/v1");
    assertThat(t.train(round(3), new TrainedModel("warm", "http://warm/v1")))
        .contains(new TrainedModel("dpo-3", "https://served/v1"));
    assertThat(env("dpo")).contains("SYNTHKIT_STAGE=dpo", "SYNTHKIT_ITERATION=3",
        "SYNTHKIT_PAIRS=" + dir.resolve("p.trl"), "SYNTHKIT_PAIRS_OPENAI=" + dir.resolve("p.openai"),
        "SYNTHKIT_BASE_URL=http://warm/v1", "SYNTHKIT_SUFFIX=lab-i3", "SYNTHKIT_BASE_MODEL=warm");
  }

  @Test
  void withoutAnyUrl_theScriptSeesAnEmptyBaseUrl() throws IOException {
    assertThat(script("echo \"url=[$SYNTHKIT_BASE_URL]\"\necho SYNTHKIT_MODEL=m\n").train(round(1), BASE))
        .contains(new TrainedModel("m", null));
    assertThat(Files.readString(dir.resolve("run/reversegen/iter-1.command.log"))).contains("url=[]");
  }

  @Test
  void theOutputFile_winsOverPrintedLines_unlessItsModelIsBlank() throws IOException {
    assertThat(script("echo SYNTHKIT_MODEL=printed\necho '{\"model\": \"written\", \"base_url\": \"http://w\"}'"
        + " > \"$SYNTHKIT_OUTPUT\"\n").train(round(1), BASE)).contains(new TrainedModel("written", "http://w"));
    assertThat(script("echo SYNTHKIT_MODEL=printed\necho '{\"model\": \" \"}' > \"$SYNTHKIT_OUTPUT\"\n")
        .train(round(2), BASE)).contains(new TrainedModel("printed", null));
    assertThat(script("echo SYNTHKIT_MODEL=printed\necho '{\"model\": 3}' > \"$SYNTHKIT_OUTPUT\"\n")
        .train(round(3), BASE)).contains(new TrainedModel("printed", null));
    assertThat(script("echo SYNTHKIT_MODEL=printed\necho SYNTHKIT_BASE_URL=\n").train(round(4), BASE))
        .contains(new TrainedModel("printed", null));
  }

  @Test
  void anOutputFileThatIsNotJson_isAnInputError() throws IOException {
    CommandTrainer t = script("echo 'model: x' > \"$SYNTHKIT_OUTPUT\"\n");
    assertThatThrownBy(() -> t.train(round(1), BASE)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("the trainer command wrote " + dir.resolve("run/reversegen/iter-1.result.json")
            + ", which is not JSON like {\"model\": \"...\"}: ");
  }

  @Test
  void aBaseUrlThatIsNotHttp_isAnInputError() throws IOException {
    CommandTrainer t = script("echo SYNTHKIT_MODEL=m\necho SYNTHKIT_BASE_URL=localhost:8000\n");
    assertThatThrownBy(() -> t.train(round(1), BASE)).isInstanceOf(SynthkitException.class)
        .hasMessage("the trainer command printed SYNTHKIT_BASE_URL=localhost:8000, which is not an http(s) URL");
  }

  @Test
  void noModel_failsWithTheLast15LinesOfTheLog() throws IOException {
    CommandTrainer t = script("for i in $(seq 1 20); do echo line-$i; done\n");
    assertThatThrownBy(() -> t.train(round(1), BASE)).isInstanceOf(SynthkitException.class)
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_USAGE))
        .hasMessageContaining("(iter-1) succeeded but named no model").hasMessageEndingWith("ends:\nline-6\nline-7"
            + "\nline-8\nline-9\nline-10\nline-11\nline-12\nline-13\nline-14\nline-15\nline-16\nline-17\nline-18"
            + "\nline-19\nline-20");
  }

  @Test
  void aResultLeftByAnEarlierAttempt_isNotReadAsThisOnes() throws IOException {
    Files.createDirectories(dir.resolve("run/reversegen"));
    Files.writeString(dir.resolve("run/reversegen/iter-1.result.json"), "{\"model\": \"stale\"}");
    CommandTrainer t = script("echo nothing\n");
    assertThatThrownBy(() -> t.train(round(1), BASE)).hasMessageContaining("named no model");
  }

  @Test
  void aListCommand_runsWithoutAShell_andOneThatCannotStart_isAnInputError() {
    assertThat(trainer(List.of("/bin/echo", "SYNTHKIT_MODEL=argv;", "x"), null).train(round(1), BASE))
        .contains(new TrainedModel("argv; x", null));
    CommandTrainer missing = trainer(List.of(dir.resolve("no-such-trainer").toString(), "arg"), null);
    assertThatThrownBy(() -> missing.train(round(2), BASE)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("cannot start the trainer command [" + dir.resolve("no-such-trainer") + ", arg]: ");
  }

  @Test
  void aNonZeroExit_namesTheStatus() throws IOException {
    CommandTrainer t = script("echo oom\nexit 4\n");
    assertThatThrownBy(() -> t.warmUp(List.of(), round(1).files(), BASE)).hasMessageStartingWith(
        "the trainer command (warmup) exited with status 4; its output (" + dir.resolve(
            "run/reversegen/warmup.command.log") + ") ends:\noom");
  }

  @Test
  void describe_andNothingToSteerWith() {
    CommandTrainer t = trainer(List.of("python", "train.py"), null);
    assertThat(t.name()).isEqualTo("command");
    assertThat(t.steering(new java.util.SplittableRandom(1))).isEmpty();
    assertThat(t.describe().toString()).isEqualTo(
        "{\"type\":\"command\",\"beta\":0.5,\"warmup\":true,\"min_pairs\":1,\"command\":\"python train.py\"}");
  }

  @Test
  void interrupted_stopsTheCommandAndWhatItStarted() throws Exception {
    Path pid = dir.resolve("child.pid");
    CommandTrainer t = script("sleep 300 &\necho $! > child.pid.tmp\nmv child.pid.tmp child.pid\nwait\n");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        t.train(round(1), BASE);
      } catch (RuntimeException e) {
        thrown.set(e);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    worker.start();
    while (!Files.exists(pid)) {
      assertThat(worker.isAlive()).isTrue();
      Thread.sleep(10);
    }
    worker.interrupt();
    worker.join(TimeUnit.MINUTES.toMillis(1));
    assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    assertThat(stillInterrupted.get()).isTrue();
    Optional<ProcessHandle> child = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()));
    if (child.isPresent()) {
      child.get().onExit().get(1, TimeUnit.MINUTES);
    }
    assertThat(child.map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }
}
