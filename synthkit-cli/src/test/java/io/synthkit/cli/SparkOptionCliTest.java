package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.run.TestRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate --spark}, {@code export --spark} and {@code evaluate --spark} without synthkit-spark on the class path says how to get it, and runs nothing. */
class SparkOptionCliTest {

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  @Test
  void sparkWithoutTheModule_isAUserError_namingTheModule() throws IOException {
    TestRuns.seeds(dir);
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "name: cli\nmethod: self-instruct\noutput_dir: runs\ndata: {seeds: seeds.jsonl}\n"
        + "target: 4\nmodels: {default: {provider: simulated}}\n");

    int exit = Main.execute("generate", f.toString(), "-q", "--spark", "local[2]");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("--spark needs the synthkit-spark module", "bin/synthkit")
        .doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("runs/cli/dataset.jsonl")).doesNotExist();
  }

  @Test
  void aHadoopUriAsOutputDir_withoutSpark_isAUserError_andCreatesNothing() throws IOException {
    TestRuns.seeds(dir);
    Path f = dir.resolve("run.yaml");
    Files.writeString(f, "name: cli\nmethod: self-instruct\noutput_dir: hdfs://namenode:8020/runs\n"
        + "data: {seeds: seeds.jsonl}\ntarget: 4\nmodels: {default: {provider: simulated}}\n");

    int exit = Main.execute("generate", f.toString(), "-q");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("output_dir hdfs://namenode:8020/runs is a URI", "needs --spark")
        .doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("hdfs:")).doesNotExist();
  }

  @Test
  void exportWithSpark_withoutTheModule_isAUserError_namingTheModule() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("dataset.jsonl"), "{\"id\":\"a\",\"data\":{\"text\":\"x\"},\"meta\":{}}\n");

    int exit = Main.execute("export", run.toString(), "--format", "parquet", "--out", dir.resolve("o").toString(),
        "--spark", "local[2]", "--partition-by", "category");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("--spark needs the synthkit-spark module", "Main export")
        .doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void evaluateWithSpark_withoutTheModule_isAUserError_namingTheModule() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("dataset.jsonl"), "{\"id\":\"a\",\"data\":{\"text\":\"x\"},\"meta\":{}}\n");

    int exit = Main.execute("evaluate", run.toString(), "--spark", "local[2]");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("--spark needs the synthkit-spark module", "Main evaluate")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void partitionBy_withoutSpark_isAUserError() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve("dataset.jsonl"), "{\"id\":\"a\",\"data\":{\"text\":\"x\"},\"meta\":{}}\n");

    int exit = Main.execute("export", run.toString(), "--format", "parquet", "--out", dir.resolve("o").toString(),
        "--partition-by", "category");

    assertThat(exit).isEqualTo(2);
    assertThat(console.err()).contains("--partition-by needs --spark");
    assertThat(dir.resolve("o")).doesNotExist();
  }
}
