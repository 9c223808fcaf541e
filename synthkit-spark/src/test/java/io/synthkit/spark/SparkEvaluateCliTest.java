package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import io.synthkit.cli.Main;
import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code synthkit evaluate RUN_DIR --spark MASTER} through the CLI's entry point, with this module on the class
 * path: each call starts and stops its own session, so no session of this class is open around it.
 */
class SparkEvaluateCliTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void capture() {
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingRunDirectory_isAUserError_beforeSparkStarts() {
    int exit = Main.execute("evaluate", dir.resolve("nope").toString(), "--spark", "local[2]");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("no such run directory or file", "nope").doesNotContain("Exception", "\tat ");
  }

  @Test
  void aBadMaster_isAUserError_namingTheMaster() throws Exception {
    Path run = java.nio.file.Files.createDirectories(dir.resolve("run"));
    java.nio.file.Files.writeString(run.resolve("dataset.jsonl"), "{\"id\":\"a\",\"data\":{\"text\":\"x y\"}}\n");

    int exit = Main.execute("evaluate", run.toString(), "--spark", "no-such-master", "--embedder", "hashing");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("cannot start Spark on master \"no-such-master\"").doesNotContain("\tat ");
  }

  @Test
  void generateWithSpark_onAnUnknownScheme_isAUserError_andNamesNoMangledPath() {
    int exit = Main.execute("generate", SharedRunTest.EXAMPLES.resolve("quickstart.yaml").toString(), "--spark",
        "local[1]", "--set", "output_dir=nosuchfs://cluster/runs", "--set", "target=4");

    assertThat(exit).isEqualTo(2);
    assertThat(err()).contains("self-instruct on Spark local[1] (target 4)",
            "no Hadoop file system for the scheme 'nosuchfs'")
        .doesNotContain("nosuchfs:/cluster", "\tat ");
  }

  @Test
  void evaluateWithSpark_printsTheSingleMachineJson() {
    Path run;
    SparkSession spark = LocalSpark.start("local[2]", "SparkEvaluateCliTest");
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      run = SparkEvaluateTest.mergedRun(spark, sim, dir);
    } finally {
      spark.stop();
    }

    int exit = Main.execute("evaluate", run.toString(), "--spark", "local[2]", "--embedder", "hashing", "--json");

    assertThat(exit).as(err()).isEqualTo(0);
    assertThat(Json.parse(out.toString(StandardCharsets.UTF_8)))
        .as("parsed from text on both sides, so numbers compare as the same node types")
        .isEqualTo(Json.parse(Synthkit.evaluate(Evaluation.of(run).withEmbedder("hashing")).json().toString()));
  }
}
