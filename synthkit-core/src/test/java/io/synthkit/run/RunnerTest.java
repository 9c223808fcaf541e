package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.spi.SynthkitException;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProviderKind;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

@Timeout(120)
class RunnerTest {

  @TempDir
  Path dir;

  /** Counts requests per sample key, then lets the simulator answer. */
  static Responder counting(Map<String, Integer> counts, int delayMs) {
    return req -> {
      counts.merge(req.callKey(), 1, Integer::sum);
      return delayMs == 0 ? null : SimResponse.json(Json.object().set("items", Json.array().add(Json.object()
          .put("instruction", varied(req.callKey())).put("output", "ok")))).delayed(delayMs);
    };
  }

  private static final String[] WORDS = ("apple river engine forest violin ladder castle pepper rocket window "
      + "garden silver thunder pencil marble orbit canyon lantern harbor velvet puzzle meadow copper falcon bridge "
      + "desert glacier mirror needle oyster prairie quartz saddle tunnel umbrella walnut yogurt zebra anchor basket")
      .split(" ");

  /** Ten words chosen by the key: distinct keys give texts far apart in ROUGE-L. */
  static String varied(String key) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(key.hashCode());
    StringBuilder sb = new StringBuilder("Write about");
    for (int i = 0; i < 10; i++) {
      sb.append(' ').append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  @Test
  void run_reachesExactlyTheTargetWithUniqueIds() {
    RunResult r = Runs.run(TestRuns.selfInstruct(dir, 25).build());
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.exitCode()).isZero();
    List<String> lines = TestRuns.lines(r.runDir(), "dataset.jsonl");
    assertThat(lines).hasSize(25);
    assertThat(lines.stream().map(l -> Json.parse(l).path("id").asText()).distinct()).hasSize(25);
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(m.simulated()).isTrue();
    assertThat(m.accepted()).isEqualTo(25);
    assertThat(m.usage().byRole()).containsKey("generator");
    assertThat(Json.parse(lines.get(0)).path("meta").path("simulated").asBoolean()).isTrue();
  }

  @Test
  void resume_afterCancelReplaysCompletedCallsFromTheCache() throws Exception {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunConfig config = TestRuns.selfInstruct(dir, 40).build();
    RunHandle h = Runs.start(config, RunOptions.DEFAULT.withResponder(counting(counts, 40)));
    Path dataset = config.runDir().resolve("dataset.jsonl");
    while (!Files.exists(dataset) || Files.readAllLines(dataset).size() < 12) {
      Thread.sleep(20);
    }
    h.cancel();
    RunResult first = h.await();
    assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
    assertThat(first.exitCode()).isEqualTo(130);
    assertThat(Manifest.read(config.runDir()).status()).isEqualTo(RunStatus.INTERRUPTED);
    List<String> before = TestRuns.lines(config.runDir(), "dataset.jsonl");
    Map<String, Integer> firstCounts = Map.copyOf(counts);

    RunResult second = Runs.run(config, RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    List<String> after = TestRuns.lines(config.runDir(), "dataset.jsonl");
    assertThat(after).hasSize(40);
    assertThat(after.subList(0, before.size())).isEqualTo(before);
    long repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).count();
    assertThat(repeated).as("only calls in flight at the cancel may repeat").isLessThanOrEqualTo(16);
    assertThat(firstCounts.keySet().stream().filter(k -> counts.get(k) > 1).count()).isEqualTo(repeated);
    assertThat(second.usage().cacheHits()).isPositive();
  }

  @Test
  void extend_raisingTheTargetRepeatsNoCall() {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunConfig small = TestRuns.selfInstruct(dir, 10).build();
    Runs.run(small, RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    List<String> first = TestRuns.lines(small.runDir(), "dataset.jsonl");
    RunResult more = Runs.run(small.withTarget(22), RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(more.accepted()).isEqualTo(22);
    assertThat(counts.values()).allMatch(c -> c == 1);
    assertThat(TestRuns.lines(small.runDir(), "dataset.jsonl").subList(0, 10)).isEqualTo(first);
  }

  @Test
  void fresh_keepsThePreviousRunAside() {
    RunConfig c = TestRuns.selfInstruct(dir, 5).build();
    Runs.run(c);
    Runs.run(c, RunOptions.DEFAULT.asFresh());
    assertThat(dir.resolve("runs/t.prev-1/dataset.jsonl")).exists();
    assertThat(TestRuns.lines(dir.resolve("runs/t.prev-1"), "dataset.jsonl")).hasSize(5);
    assertThat(TestRuns.lines(c.runDir(), "dataset.jsonl")).hasSize(5);
  }

  @Test
  void changedConfig_isRefusedWithTheChangedKeys() {
    Runs.run(TestRuns.selfInstruct(dir, 5).build());
    RunConfig changed = TestRuns.selfInstruct(dir, 5).set("self-instruct.examples_per_prompt", 2).build();
    assertThatThrownBy(() -> Runs.run(changed)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("changed: self-instruct.examples_per_prompt");
  }

  @Test
  void changedSeedFile_isRefusedNamingTheFile() throws java.io.IOException {
    RunConfig c = TestRuns.selfInstruct(dir, 5).build();
    Runs.run(c);
    Path seeds = dir.resolve("seeds.jsonl");
    java.nio.file.Files.writeString(seeds, java.nio.file.Files.readString(seeds).replace("sourdough", "rye"));
    assertThatThrownBy(() -> Runs.run(c)).isInstanceOf(SynthkitException.class)
        .hasMessageContaining("changed: the content of the file named by data.seeds");
  }

  @Test
  void sameSeedFile_resumesAsBefore() {
    RunConfig c = TestRuns.selfInstruct(dir, 5).build();
    Runs.run(c);
    TestRuns.seeds(dir); // rewritten with the same bytes
    assertThat(Runs.run(c.withTarget(7)).accepted()).isEqualTo(7);
  }

  /** A first attempt that cannot reach its model: no call succeeds and nothing is written. */
  /** A first attempt that fails at its first call (the server knows no such model), after the run started. */
  private RunResult modelNotFound() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, req -> SimResponse.error(404, null))) {
      return Runs.run(TestRuns.selfInstruct(dir, 5).set("models.default", Map.of("provider", "openai", "base_url",
          sim.baseUrl(), "model", "no-such-model", "max_retries", 0)).build());
    }
  }

  @Test
  void fixAndRerun_afterAnAttemptThatDidNothing_takesTheFixedConfig() {
    RunResult failed = modelNotFound();
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(dir.resolve("runs/t")).isDirectory();
    List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    RunResult fixed = Runs.run(TestRuns.selfInstruct(dir, 5).build(), RunOptions.DEFAULT.withListener(
        new io.synthkit.spi.RunListener() {
          @Override
          public void notice(String message) {
            notices.add(message);
          }
        }));
    assertThat(fixed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(notices).anySatisfy(n -> assertThat(n).contains("got no model reply").contains("models.default"));
  }

  @Test
  void fresh_afterAnAttemptThatDidNothing_leavesNoCopyBehind() {
    modelNotFound();
    RunResult fresh = Runs.run(TestRuns.selfInstruct(dir, 5).build(), RunOptions.DEFAULT.asFresh());
    assertThat(fresh.accepted()).isEqualTo(5);
    assertThat(dir.resolve("runs/t.prev-1")).doesNotExist();
  }

  @Test
  void budget_stopsCleanlyAndResumesWithAHigherBudget() {
    RunConfig tight = TestRuns.selfInstruct(dir, 30).set("budget.max_tokens", 3000).build();
    RunResult r = Runs.run(tight);
    assertThat(r.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.accepted()).isLessThan(30);
    assertThat(Manifest.read(r.runDir()).message()).contains("budget.max_tokens");
    RunResult resumed = Runs.run(TestRuns.selfInstruct(dir, 30).set("budget.max_tokens", 10_000_000).build());
    assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(resumed.accepted()).isEqualTo(30);
  }

  @Test
  void budget_inDollarsUsesTheConfiguredPrice() {
    RunConfig c = TestRuns.selfInstruct(dir, 30).set("models.default.price", Map.of("input_per_mtok", 1000.0,
        "output_per_mtok", 1000.0)).set("budget.max_cost_usd", 8.0).build();
    RunResult r = Runs.run(c);
    assertThat(r.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
    assertThat(r.usage().costUsd()).isPositive().isLessThanOrEqualTo(8.0);
    assertThat(r.message()).contains("budget.max_cost_usd", "was not sent");
  }

  @Test
  void secrets_neverReachTheRunDirectory_andASimulatorBehindOpenAiIsDetected() throws IOException {
    String secret = "sk-very-secret-" + System.nanoTime();
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT)) {
      ModelConfig openai = new ModelConfig(ProviderKind.OPENAI, sim.baseUrl(), secret, "gpt-test", null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, Map.of("X-Org", "org-" + secret), null,
          null, null, null, null, null);
      RunConfig c = TestRuns.selfInstruct(dir, 6).model("default", openai).build();
      RunResult r = Runs.run(c);
      assertThat(r.simulated()).isTrue();
      assertThat(Manifest.read(r.runDir()).simulated()).isTrue();
      try (Stream<Path> files = Files.walk(r.runDir())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(f.toString()).doesNotContain(secret);
        }
      }
    }
  }

  @Test
  void tornLastLine_isDroppedOnResume() throws IOException {
    RunConfig c = TestRuns.selfInstruct(dir, 8).build();
    Runs.run(c);
    Path dataset = c.runDir().resolve("dataset.jsonl");
    Files.writeString(dataset, "{\"id\": \"half-writ", java.nio.file.StandardOpenOption.APPEND);
    RunResult r = Runs.run(c.withTarget(12));
    List<String> lines = TestRuns.lines(c.runDir(), "dataset.jsonl");
    assertThat(lines).hasSize(12);
    lines.forEach(l -> assertThat(Json.parse(l).has("id")).isTrue());
    assertThat(new HashSet<>(lines)).hasSize(12);
    assertThat(r.accepted()).isEqualTo(12);
  }

  @Test
  void faultInjection_runCompletesWithEveryFailureRecorded() {
    SimulatorOptions faults = new SimulatorOptions(null, null, null, 0, 0.08, 0.08, 0.03, 3000, 0.1, 0.1, 0.05,
        0.08, 0.08, 11L, null, null);
    RunConfig c = TestRuns.selfInstruct(dir, 30).set("models.default.simulator", faults)
        .set("models.default.max_retries", 10).set("models.default.timeout_seconds", 1).build();
    RunResult r = Runs.run(c);
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(r.accepted()).isEqualTo(30);
    Manifest m = Manifest.read(r.runDir());
    assertThat(m.usage().total().retries()).isPositive();
    assertThat(m.usage().total().invalidReplies()).isPositive();
    assertThat(m.usage().total().repairs()).isPositive();
    List<String> rejected = TestRuns.lines(r.runDir(), "rejected.jsonl");
    rejected.stream().map(Json::parse).filter(n -> n.path("step").asText().equals("parse"))
        .forEach(n -> assertThat(n.path("raw").asText()).isNotEmpty());
  }

  @Test
  void lockedRunDirectory_isRefused() {
    RunConfig c = TestRuns.selfInstruct(dir, 30).build();
    RunHandle h = Runs.start(c, RunOptions.DEFAULT.withResponder(counting(new ConcurrentHashMap<>(), 50)));
    try {
      await(() -> Files.exists(c.runDir().resolve("manifest.json")));
      assertThatThrownBy(() -> Runs.run(c)).hasMessageContaining("in use by another synthkit process");
    } finally {
      h.cancel();
    }
  }

  static void await(java.util.function.BooleanSupplier cond) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in time");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
