package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, locking, starting over and writing the files of a run directory. */
class RunDirectoryTest {

  @TempDir
  Path root;

  private final NoticeRecorder listener = new NoticeRecorder();

  private final List<String> notices = listener.notices;

  private static final String KEY = "sk-" + "b".repeat(30);

  @Test
  void open_createsTheDirectory_andHoldsItsLockUntilClosed() {
    Path dir = root.resolve("a/b/run");
    try (RunDirectory d = RunDirectory.open(dir, false, listener)) {
      assertThat(d.path()).isEqualTo(dir);
      assertThat(d.file("x.json")).isEqualTo(dir.resolve("x.json"));
      assertThat(dir.resolve(RunDirectory.LOCK)).isRegularFile();
      assertThatThrownBy(() -> RunDirectory.open(dir, false, listener)).isInstanceOf(SynthkitException.class)
          .hasMessage("run directory " + dir + " is in use by another synthkit process");
    }
    try (RunDirectory again = RunDirectory.open(dir, false, listener)) {
      assertThat(again.path()).isEqualTo(dir);
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void open_whereAFileStands_failsNamingTheDirectory() throws Exception {
    Path file = Files.writeString(root.resolve("taken"), "x");
    assertThatThrownBy(() -> RunDirectory.open(file, false, listener)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("cannot create run directory " + file + ": ");
  }

  @Test
  void fresh_movesARunWithRecordsAside_underTheNextFreeNumber() throws Exception {
    Path dir = root.resolve("run");
    for (int i = 1; i <= 2; i++) {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(RunOutput.DATASET), "{\"id\": \"" + i + "\"}\n");
      RunDirectory.open(dir, true, listener).close();
    }
    assertThat(notices).containsExactly("--fresh: kept the previous run as " + root.resolve("run.prev-1"),
        "--fresh: kept the previous run as " + root.resolve("run.prev-2"));
    assertThat(Files.readString(root.resolve("run.prev-2").resolve(RunOutput.DATASET))).contains("\"2\"");
    assertThat(dir.resolve(RunOutput.DATASET)).doesNotExist();
  }

  @Test
  void fresh_removesARunThatHoldsNothing() throws Exception {
    Path dir = Files.createDirectories(root.resolve("run/sub"));
    Files.writeString(dir.resolve("note.txt"), "x");
    RunDirectory.open(root.resolve("run"), true, listener).close();
    assertThat(notices).containsExactly("--fresh: the earlier attempt got no model reply and accepted no record;"
        + " removed it");
    assertThat(root.resolve("run/sub")).doesNotExist();
    assertThat(root.resolve("run.prev-1")).doesNotExist();
    assertThat(root.resolve("run")).isDirectory();
  }

  @Test
  void withoutFresh_anExistingRunIsKept() throws Exception {
    Path dir = Files.createDirectories(root.resolve("run"));
    Files.writeString(dir.resolve(RunOutput.DATASET), "{}\n");
    RunDirectory.open(dir, false, listener).close();
    assertThat(dir.resolve(RunOutput.DATASET)).hasContent("{}");
    assertThat(notices).isEmpty();
  }

  @Test
  void holdsNothing_isFalseOnceTheStateHasAResponseOrTheDatasetARecord() throws Exception {
    Path dir = Files.createDirectories(root.resolve("run"));
    assertThat(RunDirectory.holdsNothing(dir)).isTrue();
    Files.writeString(dir.resolve(RunOutput.DATASET), "{}\n");
    assertThat(RunDirectory.holdsNothing(dir)).isFalse();
  }

  @Test
  void writes_redactSecrets_andLeaveNoTemporaryFile() throws Exception {
    try (RunDirectory d = RunDirectory.open(root.resolve("run"), false, listener)) {
      d.writeAtomically("a.txt", "key " + KEY);
      d.writeAtomically("a.txt", "second " + KEY);
      d.overwrite("b.txt", "over " + KEY);
      d.writeJson("c.json", Map.of("k", KEY));
      assertThat(Files.readString(d.file("a.txt"))).startsWith("second ").doesNotContain(KEY);
      assertThat(Files.readString(d.file("b.txt"))).startsWith("over ").doesNotContain(KEY);
      assertThat(Files.readString(d.file("c.json"))).endsWith("}\n").doesNotContain(KEY).contains("\"k\"");
      assertThat(d.file("a.txt.tmp")).doesNotExist();
    }
  }

  @Test
  void setStateAside_movesTheDatabaseAndItsJournalFiles_underTheNextFreeNumber() throws Exception {
    try (RunDirectory d = RunDirectory.open(root.resolve("run"), false, listener)) {
      assertThat(d.setStateAside(listener)).isEqualTo(d.file(RunOutput.STATE));
      assertThat(notices).as("nothing to set aside").isEmpty();
      Files.writeString(d.file(RunOutput.STATE + ".damaged-1"), "older");
      Files.writeString(d.file(RunOutput.STATE), "db");
      Files.writeString(d.file(RunOutput.STATE + "-wal"), "wal");
      Files.writeString(d.file(RunOutput.STATE + "-shm"), "shm");
      assertThat(d.setStateAside(listener)).isEqualTo(d.file(RunOutput.STATE));
      assertThat(d.file(RunOutput.STATE)).doesNotExist();
      assertThat(d.file(RunOutput.STATE + "-wal")).doesNotExist();
      assertThat(d.file(RunOutput.STATE + ".damaged-2")).hasContent("db");
      assertThat(d.file(RunOutput.STATE + ".damaged-2-wal")).hasContent("wal");
      assertThat(d.file(RunOutput.STATE + ".damaged-2-shm")).hasContent("shm");
      assertThat(d.file(RunOutput.STATE + ".damaged-1")).hasContent("older");
      assertThat(notices).containsExactly("--rebuild-state: set the old state aside as "
          + d.file(RunOutput.STATE + ".damaged-2") + "; the records are kept, and model calls are made again (their"
          + " cached replies were in the old state)");
    }
  }
}
