package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.RunOptions;
import io.synthkit.Synthkit;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.run.RunOutput;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReverseGen on Spark: the loop on the driver, every model call answered on the executors, against a simulator over
 * HTTP whose request counter tells what was paid for. The session allows a failed task three more attempts
 * ({@code local[2,4]}), as a cluster does.
 */
class FanOutRunTest {

  static final Path CONFIG = LocalSpark.EXAMPLES.resolve("reversegen-safety.yaml");

  static SparkSession spark;
  static Simulator sim;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("local[2,4]", "FanOutRunTest");
    sim = Simulator.start(SimulatorOptions.DEFAULT);
  }

  @AfterAll
  static void stop() {
    sim.close();
    spark.stop();
  }

  static List<String> overrides(Path out) {
    return overrides(out, 40);
  }

  static List<String> overrides(Path out, int target) {
    return List.of("output_dir=" + out, "report.enabled=false", "target=" + target, "models.default.provider=openai",
        "models.default.base_url=" + sim.baseUrl(), "models.default.api_key=sk-test",
        "models.default.model=synthkit-simulator", "reversegen.iterations=2", "reversegen.prompts_per_iteration=5",
        "reversegen.samples_per_prompt=3");
  }

  static List<ObjectNode> dataset(Path runDir) {
    return RunOutput.objects(runDir.resolve("dataset.jsonl"));
  }

  static long keptAnswers(Path runDir) throws IOException {
    try (Stream<Path> files = Files.walk(runDir.resolve("fanout"))) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void reverseGen_onSpark_matchesOneMachine_callForCall_withEveryCallAnsweredOnTheExecutors() throws IOException {
    long start = sim.requests();
    RunResult alone = Synthkit.run(Synthkit.load(CONFIG, overrides(dir.resolve("alone")).toArray(String[]::new)),
        RunOptions.DEFAULT.withListener(RunListener.NONE));
    long aloneCalls = sim.requests() - start;
    List<String> notices = new CopyOnWriteArrayList<>();
    RunResult onSpark = SparkRun.generate(spark, CONFIG, overrides(dir.resolve("spark")), false, new RunListener() {
      @Override
      public void notice(String message) {
        notices.add(message);
      }
    });
    long sparkCalls = sim.requests() - start - aloneCalls;

    assertThat(onSpark.status()).as(onSpark.message()).isEqualTo(alone.status());
    Path runDir = dir.resolve("spark/reversegen-safety");
    assertThat(dataset(runDir)).isNotEmpty().isEqualTo(dataset(dir.resolve("alone/reversegen-safety")));
    assertThat(sparkCalls).as("the same calls as on one machine").isEqualTo(aloneCalls).isPositive();
    assertThat(keptAnswers(runDir)).as("every paid call was answered on an executor").isEqualTo(sparkCalls);
    assertThat(Manifest.read(runDir).usage().total().calls()).isEqualTo(sparkCalls);
    assertThat(notices).anyMatch(n -> n.contains("answered on the executors of local[2,4]"));
  }

  @Test
  void aDriverThatLostItsState_resumes_fromTheExecutorsAnswers_payingNoCallAgain() throws IOException {
    RunResult first = SparkRun.generate(spark, CONFIG, overrides(dir, 12), false, RunListener.NONE);
    assertThat(first.status()).as(first.message()).isEqualTo(RunStatus.COMPLETED);
    Path runDir = dir.resolve("reversegen-safety");
    List<ObjectNode> records = dataset(runDir);
    try (Stream<Path> files = Files.list(runDir)) {
      for (Path p : files.filter(p -> !p.getFileName().toString().equals("fanout")).toList()) {
        if (Files.isRegularFile(p)) {
          Files.delete(p); // the state database, dataset, events, manifest: all the driver had
        }
      }
    }
    long before = sim.requests();

    RunResult again = SparkRun.generate(spark, CONFIG, overrides(dir, 12), false, RunListener.NONE);

    assertThat(again.status()).as(again.message()).isEqualTo(RunStatus.COMPLETED);
    assertThat(sim.requests()).as("every answer came from the executors' store").isEqualTo(before);
    assertThat(dataset(runDir)).isEqualTo(records);
  }

  @Test
  void aTaskThatFailsAfterItsCalls_isRetried_andPaysForNoCallTwice() {
    RelayTask task = new RelayTask(CONFIG.toString(), overrides(dir), dir.resolve("fanout").toString());
    List<CallFanOut.Call> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ObjectNode body = Json.object().put("model", "synthkit-simulator").put("max_tokens", 16);
      body.putArray("messages").addObject().put("role", "user").put("content", "say something, " + i);
      calls.add(new CallFanOut.Call("kcall" + i, "default", sim.baseUrl(), Json.write(body), "call/" + i));
    }
    long before = sim.requests();

    List<CallFanOut.Answer> answers = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(calls, 2).mapPartitions(new FailsOnFirstAttempt(task)).collect();

    assertThat(answers).hasSize(8).allSatisfy(a -> assertThat(a.body()).as(String.valueOf(a.error())).contains("choices"));
    assertThat(sim.requests() - before).as("the first attempts paid; their retries read the kept answers")
        .isEqualTo(8);
  }

  @Test
  void aCallForAServerTheConfigDoesNotList_isRefusedOnTheExecutor_withoutSendingTheKey() throws Exception {
    RelayTask task = new RelayTask(CONFIG.toString(), overrides(dir), dir.resolve("fanout").toString());
    ObjectNode body = Json.object().put("model", "synthkit-simulator");
    body.putArray("messages").addObject().put("role", "user").put("content", "hello");
    CallFanOut.Call call = new CallFanOut.Call("kother", "default", "http://127.0.0.1:9/v1", Json.write(body), "k");

    CallFanOut.Answer a = task.call(List.of(call).iterator()).next();

    assertThat(a.body()).isNull();
    assertThat(a.error()).contains("does not list for that role", "http://127.0.0.1:9/v1");
  }

  @Test
  void aRunDirectoryOnAHadoopFileSystem_isRefused_forReverseGen() {
    List<String> o = new ArrayList<>(overrides(dir));
    o.set(0, "output_dir=hdfs://namenode:8020/runs");

    assertThatThrownBy(() -> SparkRun.generate(spark, CONFIG, o, false, RunListener.NONE))
        .isInstanceOf(SynthkitException.class).hasMessageContaining("must be a local or mounted path")
        .satisfies(e -> assertThat(((SynthkitException) e).exitCode()).isEqualTo(2));
  }

  /** Answers its calls, then fails the task's first attempt, as an executor lost after the calls returned would. */
  record FailsOnFirstAttempt(RelayTask task) implements FlatMapFunction<Iterator<CallFanOut.Call>, CallFanOut.Answer> {
    @Override
    public Iterator<CallFanOut.Answer> call(Iterator<CallFanOut.Call> calls) throws Exception {
      Iterator<CallFanOut.Answer> answers = task.call(calls);
      if (TaskContext.get().attemptNumber() == 0) {
        throw new IllegalStateException("executor lost after its calls (test)");
      }
      return answers;
    }
  }
}
