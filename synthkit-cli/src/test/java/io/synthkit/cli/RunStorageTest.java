package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the run directory cannot be written (the disk fills up) or its state is damaged, the CLI ends with exit 6, a
 * message naming the file and what to do, a manifest that does not claim the run is still running, and nothing lost:
 * the same command resumes once the cause is gone. The full disk is a real one for the child process: a file size
 * limit ({@code ulimit -f}) makes its writes fail with EFBIG, as ENOSPC would.
 */
@Timeout(300)
class RunStorageTest {

  @TempDir
  Path dir;

  @Test
  void diskFull_endsCleanly_andTheSameCommandResumesOnceThereIsSpace() throws Exception {
    assumeThat(Path.of("/bin/bash")).as("needs bash for ulimit").exists();
    Path config = config(400);
    Path sqliteLib = extractSqliteLibrary();
    Result full = run(config, 96, sqliteLib);
    assertThat(full.exit).as(full.output).isEqualTo(6);
    assertThat(full.output).contains("status: failed").contains(dir.resolve("runs/df").toString())
        .contains("the disk is full").contains("run the same command");
    assertThat(full.output).doesNotContain("Exception").doesNotContain("\tat ");
    JsonNode manifest = Json.parse(Files.readString(dir.resolve("runs/df/manifest.json")));
    assertThat(manifest.path("status").asText()).isEqualTo("failed");

    Result resumed = run(config, 0, sqliteLib);
    assertThat(resumed.exit).as(resumed.output).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("runs/df/dataset.jsonl"));
    assertThat(lines).hasSize(400);
    Set<String> ids = new HashSet<>();
    lines.forEach(l -> assertThat(ids.add(Json.parse(l).path("id").asText())).as("unique id").isTrue());
  }

  @Test
  void damagedState_namesTheWayForward_andRebuildStateKeepsTheRecords() throws Exception {
    Path config = config(20);
    assertThat(run(config, 0, null).exit).isZero();
    List<String> before = Files.readAllLines(dir.resolve("runs/df/dataset.jsonl"));
    Files.writeString(dir.resolve("runs/df/state.db"), "this is not a database, it was overwritten by accident");
    Files.deleteIfExists(dir.resolve("runs/df/state.db-wal"));
    Files.deleteIfExists(dir.resolve("runs/df/state.db-shm"));

    Result damaged = run(config(30), 0, null);
    assertThat(damaged.exit).as(damaged.output).isEqualTo(6);
    assertThat(damaged.output).contains("state.db").contains("--rebuild-state").contains("--fresh")
        .doesNotContain("\tat ");

    Result rebuilt = run(config(30), 0, null, "--rebuild-state");
    assertThat(rebuilt.exit).as(rebuilt.output).isZero();
    assertThat(rebuilt.output).contains("state.db.damaged-1");
    List<String> after = Files.readAllLines(dir.resolve("runs/df/dataset.jsonl"));
    assertThat(after).hasSize(30);
    assertThat(after.subList(0, before.size())).isEqualTo(before);
    assertThat(dir.resolve("runs/df/state.db.damaged-1")).exists();
  }

  @Test
  void damagedState_freshStartsOver_andKeepsTheOldRunAside() throws Exception {
    Path config = config(20);
    assertThat(run(config, 0, null).exit).isZero();
    List<String> before = Files.readAllLines(dir.resolve("runs/df/dataset.jsonl"));
    Files.writeString(dir.resolve("runs/df/state.db"), "this is not a database, it was overwritten by accident");
    Files.deleteIfExists(dir.resolve("runs/df/state.db-wal"));
    Files.deleteIfExists(dir.resolve("runs/df/state.db-shm"));

    Result damaged = run(config(30), 0, null);
    assertThat(damaged.exit).as(damaged.output).isEqualTo(6);
    // The message says what --fresh does, so the user knows nothing is lost by it.
    assertThat(damaged.output).contains("--fresh to start over (the old run is kept aside)");

    Result fresh = run(config(30), 0, null, "--fresh");
    assertThat(fresh.exit).as(fresh.output).isZero();
    assertThat(fresh.output).contains("kept the previous run as").contains("df.prev-1");
    assertThat(Files.readAllLines(dir.resolve("runs/df/dataset.jsonl"))).hasSize(30);
    assertThat(Files.readAllLines(dir.resolve("runs/df.prev-1/dataset.jsonl"))).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("runs/df.prev-1/state.db"))).startsWith("this is not a database");
  }

  private Path config(int target) throws IOException {
    TestRuns.seeds(dir);
    Path config = dir.resolve("run.yaml");
    Files.writeString(config, "name: df\nmethod: self-instruct\ntarget: " + target + "\noutput_dir: runs\n"
        + "data: {seeds: seeds.jsonl}\nself-instruct: {batch_size: 12, items_per_call: 5}\n"
        + "models: {default: {provider: simulated}}\nreport: {enabled: false}\n");
    return config;
  }

  /** SQLite's native library, extracted outside the limited process (extracting it would hit the limit first). */
  private Path extractSqliteLibrary() throws IOException {
    String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
    String resource = "org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so";
    Path libDir = Files.createDirectories(dir.resolve("sqlite-native"));
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assumeThat(in).as(resource).isNotNull();
      Files.copy(in, libDir.resolve("libsqlitejdbc.so"));
    }
    return libDir;
  }

  private record Result(int exit, String output) {}

  /** Runs {@code synthkit generate} in a child JVM, with a file size limit in KiB when {@code limitKib > 0}. */
  private Result run(Path config, int limitKib, Path sqliteLib, String... extra) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-XX:-UsePerfData", "-Xshare:off",
        "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path")));
    if (sqliteLib != null) {
      cmd.addAll(List.of("-Dorg.sqlite.lib.path=" + sqliteLib, "-Dorg.sqlite.lib.name=libsqlitejdbc.so"));
    }
    cmd.addAll(List.of("io.synthkit.cli.Main", "generate", config.toString(), "-q"));
    cmd.addAll(List.of(extra));
    if (limitKib > 0) {
      StringBuilder shell = new StringBuilder("ulimit -f " + limitKib + "; exec");
      cmd.forEach(a -> shell.append(" '").append(a.replace("'", "'\\''")).append('\''));
      cmd = List.of("/bin/bash", "-c", shell.toString());
    }
    Path log = dir.resolve("out-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.endsWith("_API_KEY") || k.equals("OPENAI_BASE_URL"));
    Process p = pb.start();
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
    return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
