package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark evaluation of a merged run gives the single-machine evaluation's figures, to the last digit. */
class SparkEvaluateTest {

  static SparkSession spark;
  static Simulator sim;

  @TempDir
  static Path dir;

  static Path runDir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2]", "SparkEvaluateTest");
    sim = Simulator.start(SimulatorOptions.DEFAULT);
    runDir = mergedRun(spark, sim, dir);
  }

  @AfterAll
  static void stop() {
    sim.close();
    spark.stop();
  }

  /** A Self-Instruct run of 40 records over 3 shards, merged. */
  static Path mergedRun(SparkSession spark, Simulator sim, Path dir) {
    RunResult r = SparkRun.generate(spark, SparkRunTest.EXAMPLES.resolve("quickstart.yaml"), List.of(
        "output_dir=" + dir, "report.enabled=false", "models.default.provider=openai",
        "models.default.base_url=" + sim.baseUrl(), "models.default.api_key=sk-test",
        "models.default.model=synthkit-simulator", "target=40", "scale.shards=3", "embeddings.provider=hashing"),
        false, RunListener.NONE);
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    return dir.resolve("quickstart");
  }

  @Test
  void theFigures_areTheSingleMachineFigures() {
    for (Evaluation e : List.of(Evaluation.of(runDir).withEmbedder("hashing"),
        Evaluation.of(runDir).withEmbedder("hashing").withTokenizer("lower").withSamples(25, 30, 200).withSeed(7),
        Evaluation.of(runDir).withEmbedder("none").withTokenizer("whitespace"))) {
      Evaluation.Result one = Synthkit.evaluate(e);
      Evaluation.Result sparked = SparkEvaluate.evaluate(spark, e);

      assertThat(sparked.json()).as(e.toString()).isEqualTo(one.json());
      assertThat(sparked.table()).isEqualTo(one.table());
    }
    Evaluation.Result full = SparkEvaluate.evaluate(spark, Evaluation.of(runDir).withEmbedder("hashing"));
    assertThat(full.json().path("dataset").path("records").asInt()).isEqualTo(40);
    assertThat(full.json().toString()).contains("remote_clique", "distinct");
  }

  @Test
  void aMissingDataset_isAUserError() {
    assertThatThrownBy(() -> SparkEvaluate.evaluate(spark, Evaluation.of(dir.resolve("nope"))))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("no such run directory or file")
        .hasMessageContaining("nope");
  }
}
