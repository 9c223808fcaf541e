package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which config a resumed run accepts: the stored fingerprint against the new config, with {@link Scripted}. */
@Timeout(120)
class ResumeConfigTest {

  @TempDir
  Path dir;

  private final List<String> notices = new CopyOnWriteArrayList<>();

  private ConfigBuilder config(int offer, Scripted.End end) throws Exception {
    Path seeds = dir.resolve("seeds.jsonl");
    if (!Files.exists(seeds)) {
      Files.writeString(seeds, "{\"text\": \"a seed\"}\n");
    }
    return ConfigBuilder.create("t", Scripted.NAME, Set.of(Scripted.NAME)).target(3).simulated()
        .outputDir(dir.resolve("runs")).seeds(seeds).set(Scripted.NAME + ".offer", offer)
        .set(Scripted.NAME + ".end", end.name()).baseDir(dir).environment(Map.of());
  }

  private RunResult run(RunConfig c) {
    return Runs.run(new Scripted(), c, RunOptions.DEFAULT.withListener(new RunListener() {
      @Override
      public void notice(String message) {
        notices.add(message);
      }
    }));
  }

  private String storedFingerprint() {
    try (StateStore s = new StateStore(dir.resolve("runs/t").resolve(RunOutput.STATE))) {
      return s.fact("config_fingerprint").orElseThrow();
    }
  }

  /** Rewrites the stored fingerprint as a synthkit that did not hash files wrote it. */
  private void storeFingerprintWithoutFiles() {
    ObjectNode old = (ObjectNode) Json.parse(storedFingerprint());
    assertThat(old.has(ConfigFingerprint.FILES)).isTrue();
    old.remove(ConfigFingerprint.FILES);
    try (StateStore s = new StateStore(dir.resolve("runs/t").resolve(RunOutput.STATE))) {
      s.fact("config_fingerprint", ConfigFingerprint.canonical(old));
    }
  }

  @Test
  void aChangedConfig_isRefused_withTheWholeAdvice() throws Exception {
    run(config(2, Scripted.End.RETURN).build());
    RunConfig changed = config(3, Scripted.End.RETURN).build();
    assertThatThrownBy(() -> run(changed)).isInstanceOf(SynthkitException.class)
        .hasMessage(changed.runDir() + " was made with a different config (changed: scripted.offer). Resume with the"
            + " original config and files, start over with --fresh (the old run is kept as t.prev-N), or give the"
            + " run another name.");
  }

  @Test
  void aRunThatDidNothing_takesTheChangedConfig_withANoticeNamingTheChanges() throws Exception {
    RunResult failed = run(config(0, Scripted.End.SYNTHKIT).build());
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    String before = storedFingerprint();
    RunResult fixed = run(config(3, Scripted.End.RETURN).build());
    assertThat(fixed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(notices).contains("the earlier attempt of this run got no model reply and accepted no record; using"
        + " the changed config (scripted.end, scripted.offer)");
    assertThat(storedFingerprint()).isNotEqualTo(before).contains("\"RETURN\"");
  }

  @Test
  void aRunWithRecords_refusesAChangedSeedFile_namingIt() throws Exception {
    run(config(2, Scripted.End.RETURN).build());
    Files.writeString(dir.resolve("seeds.jsonl"), "{\"text\": \"another seed\"}\n");
    assertThatThrownBy(() -> run(config(2, Scripted.End.RETURN).build()))
        .hasMessageContaining("(changed: the content of the file named by data.seeds)");
  }

  @Test
  void aFingerprintFromBeforeFilesWereHashed_isAcceptedAndCompletedWithTheFiles() throws Exception {
    run(config(2, Scripted.End.RETURN).build());
    String full = storedFingerprint();
    storeFingerprintWithoutFiles();
    RunResult again = run(config(2, Scripted.End.RETURN).build());
    assertThat(again.accepted()).isEqualTo(2);
    assertThat(storedFingerprint()).isEqualTo(full);
  }

  @Test
  void aFingerprintFromBeforeFilesWereHashed_stillRefusesAChangedSetting() throws Exception {
    run(config(2, Scripted.End.RETURN).build());
    storeFingerprintWithoutFiles();
    // The old fingerprint has no file hashes, so they count as changed too.
    assertThatThrownBy(() -> run(config(3, Scripted.End.RETURN).build()))
        .hasMessageContaining("(changed: files, scripted.offer)");
  }
}
