package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.spi.SynthkitException;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.config.RunConfig;
import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReverseGenTrainerTest {

  static final String SECRET = "sk-reversegen-secret-42";

  @TempDir
  Path dir;

  /** Every proposer request, and every request's sample key. */
  final List<SimRequest> requests = Collections.synchronizedList(new ArrayList<>());

  /**
   * Samples 0 and 1 of every prompt make the target comply (a failure), samples 2 and 3 do not: two pairs per prompt,
   * ten per iteration with five prompts, enough for OpenAI's ten-example minimum.
   */
  Responder script(Predicate<SimRequest> trigger, CountDownLatch fired) {
    return req -> {
      requests.add(req);
      if (trigger.test(req)) {
        fired.countDown();
      }
      String key = req.callKey();
      if (key.endsWith("/propose")) {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < req.n(); s++) {
          texts.add("Explain how to " + Scripts.words(key + s) + (s < 2 ? " xfail" : "") + " now?");
        }
        return SimResponse.texts(texts);
      }
      if (key.endsWith("/target")) {
        return SimResponse.text(req.lastUser().contains("xfail") ? "COMPLY: here it is." : "No.");
      }
      if (key.endsWith("/judge")) {
        return SimResponse.text(req.lastUser().contains("COMPLY") ? "unsafe\nS1" : "safe");
      }
      return null;
    };
  }

  ConfigBuilder openAi(Simulator sim, int iterations) {
    return Scripts.config(dir, "safety", 1000, Scripts.safetySeeds(dir))
        .model("default", ModelConfig.openAi(sim.baseUrl(), "gpt-base").apiKey(SECRET).maxConcurrency(4).build())
        .set("reversegen.trainer.type", "openai-finetune").set("reversegen.trainer.poll_seconds", 0.01)
        .set("reversegen.prompts_per_iteration", 5).set("reversegen.iterations", iterations);
  }

  Set<String> proposerModels(int iteration) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.callKey().endsWith("/propose") && Scripts.iteration(r) == iteration)
          .map(SimRequest::model).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static List<JsonNode> events(RunResult r) {
    return TestRuns.lines(r.runDir(), "events.jsonl").stream().map(Json::parse).toList();
  }

  @Test
  void openAiFinetune_warmsUpThenEachIterationProposesWithThePreviousJobsModel() throws IOException {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, script(r -> false, new CountDownLatch(1)))) {
      RunResult r = Runs.run(openAi(sim, 3).build());
      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.INCOMPLETE);
      List<JsonNode> jobs = sim.fineTuning().jobs();
      assertThat(jobs).extracting(j -> j.path("method").path("type").asText() + " " + j.path("model").asText())
          .containsExactly("supervised gpt-base", "dpo ft:gpt-base:synthkit-sim:reversegen-warmup:1",
              "dpo ft:gpt-base:synthkit-sim:reversegen-i1:2");
      assertThat(jobs.get(1).path("method").path("dpo").path("hyperparameters").path("beta").asDouble())
          .isEqualTo(0.1);
      assertThat(proposerModels(1)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-warmup:1");
      assertThat(proposerModels(2)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-i1:2");
      assertThat(proposerModels(3)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-i2:3");
      assertThat(requests).filteredOn(q -> q.callKey().endsWith("/target")).extracting(SimRequest::model)
          .containsOnly("gpt-base");

      // The DPO job trained on exactly the iteration's pairs file; the warm-up on prompt -> held-out instruction.
      String uploaded = sim.fineTuning().fileContent(jobs.get(1).path("training_file").asText());
      assertThat(uploaded).isEqualTo(Files.readString(r.runDir().resolve("reversegen/iter-1.dpo.openai.jsonl")));
      assertThat(uploaded.lines()).hasSize(10);
      List<JsonNode> warm = Files.readAllLines(r.runDir().resolve("reversegen/warmup.sft.openai.jsonl")).stream()
          .map(Json::parse).toList();
      assertThat(warm).hasSize(12).allSatisfy(w -> {
        String prompt = w.path("messages").get(0).path("content").asText();
        String held = w.path("messages").get(1).path("content").asText();
        assertThat(w.path("messages").get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(held).startsWith("How would someone");
        assertThat(prompt).doesNotContain(held).endsWith("\n4.");
      });
      assertThat(events(r)).filteredOn(e -> e.path("key").asText().equals("trainer/iter/1/result"))
          .singleElement().satisfies(e -> assertThat(e.path("model").asText())
              .isEqualTo("ft:gpt-base:synthkit-sim:reversegen-i1:2"));
      try (Stream<Path> files = Files.walk(r.runDir())) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
              .doesNotContain(SECRET);
        }
      }
    }
  }

  @Test
  void resume_cancelledMidIteration_repeatsNoCompletedCallAndStartsNoSecondJob() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, script(q -> Scripts.iteration(q) == 2
        && q.callKey().endsWith("/judge"), fired))) {
      RunConfig config = openAi(sim, 3).build();
      RunHandle h = Runs.start(config, RunOptions.DEFAULT);
      assertThat(fired.await(60, TimeUnit.SECONDS)).isTrue();
      h.cancel();
      RunResult first = h.await();
      assertThat(first.status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(sim.fineTuning().jobs()).hasSize(2);
      Map<String, Integer> before = sim.callKeyCounts();

      RunResult second = Runs.run(config);
      assertThat(second.status()).as(second.message()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(sim.fineTuning().jobs()).extracting(j -> j.path("suffix").asText())
          .containsExactly("reversegen-warmup", "reversegen-i1", "reversegen-i2");
      Map<String, Integer> after = sim.callKeyCounts();
      List<String> repeated = after.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      // Only calls in flight at the cancel (at most max_concurrency 4) may be asked again.
      assertThat(repeated).hasSizeLessThanOrEqualTo(4).allSatisfy(k -> assertThat(before).containsKey(k));
      assertThat(proposerModels(3)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-i2:3");
    }
  }

  @Test
  void resume_cancelledWhileAJobRuns_pollsThatJobInsteadOfStartingAnother() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, script(r -> false, new CountDownLatch(1)))) {
      RunConfig config = openAi(sim, 2).set("reversegen.trainer.poll_seconds", 0.5).build();
      RunHandle h = Runs.start(config, RunOptions.DEFAULT);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (sim.fineTuning().jobs().stream().noneMatch(j -> j.path("suffix").asText().equals("reversegen-i1"))) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
      h.cancel();
      assertThat(h.await().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(sim.fineTuning().jobs().get(1).path("status").asText()).isNotEqualTo("succeeded");

      RunResult second = Runs.run(config);
      assertThat(second.status()).as(second.message()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(sim.fineTuning().jobs()).hasSize(2);
      assertThat(proposerModels(2)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-i1:2");
    }
  }

  @Test
  void resume_afterAJobWasCreatedButNotJournaled_adoptsThatJob() throws Exception {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, script(r -> false, new CountDownLatch(1)))) {
      RunConfig config = openAi(sim, 2).set("reversegen.trainer.warmup", false).build();
      assertThat(Runs.run(config).status()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(sim.fineTuning().jobs()).hasSize(1);
      assertThat(sim.fineTuning().jobs().get(0).path("metadata").path("synthkit_job").asText())
          .startsWith("rg/trainer/iter/1/0/");
      // Forget everything journaled about that step, as if the session had been killed between the server's reply to
      // the job creation and the journal write.
      Path events = config.runDir().resolve("events.jsonl");
      List<String> kept = Files.readAllLines(events).stream().filter(l -> !l.contains("trainer/iter/1")).toList();
      assertThat(kept).hasSizeLessThan(Files.readAllLines(events).size());
      Files.write(events, kept);
      Path dataset = config.runDir().resolve("dataset.jsonl");
      Files.writeString(dataset, "");
      RunResult again = Runs.run(config);
      assertThat(again.status()).as(again.message()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(sim.fineTuning().jobs()).hasSize(1);
    }
  }

  @Test
  void failedJob_failsTheRunWithItsMessage_andARerunStartsANewJob() {
    try (Simulator sim = Simulator.start(SimulatorOptions.DEFAULT, script(r -> false, new CountDownLatch(1)))) {
      RunConfig config = openAi(sim, 2).set("reversegen.trainer.warmup", false).build();
      sim.fineTuning().failNextJob("the training data is too spicy");
      RunResult first = Runs.run(config);
      assertThat(first.status()).isEqualTo(RunStatus.FAILED);
      assertThat(first.exitCode()).isEqualTo(SynthkitException.EXIT_ENDPOINT);
      assertThat(first.message()).contains("ended failed").contains("too spicy").contains("run the same command");

      RunResult second = Runs.run(config);
      assertThat(second.status()).as(second.message()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(sim.fineTuning().jobs()).extracting(j -> j.path("status").asText())
          .containsExactly("failed", "succeeded");
      assertThat(proposerModels(2)).containsExactly("ft:gpt-base:synthkit-sim:reversegen-i1:2");
    }
  }

  Path script(String name, String body) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, "set -e\n" + body);
    return f;
  }

  @Test
  void command_runsTheUsersTrainer_andTheNextIterationUsesTheModelItNames() throws IOException {
    script("train.sh", """
        test -s "$SYNTHKIT_PAIRS"
        test -s "$SYNTHKIT_PAIRS_OPENAI"
        env | grep '^SYNTHKIT_' | sort > "$SYNTHKIT_RUN_DIR/env-$SYNTHKIT_ITERATION.txt"
        echo "training on $(wc -l < "$SYNTHKIT_PAIRS") pairs"
        echo "SYNTHKIT_MODEL=local-dpo-$SYNTHKIT_ITERATION"
        """);
    RunResult r = Runs.run(Scripts.config(dir, "safety", 1000, Scripts.safetySeeds(dir))
        .set("reversegen.trainer.type", "command").set("reversegen.trainer.command", "sh train.sh")
        .set("reversegen.trainer.warmup", false).set("reversegen.iterations", 3).build(),
        RunOptions.DEFAULT.withResponder(script(q -> false, new CountDownLatch(1))));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.INCOMPLETE);
    assertThat(proposerModels(1)).containsExactly("synthkit-simulator");
    assertThat(proposerModels(2)).containsExactly("local-dpo-1");
    assertThat(proposerModels(3)).containsExactly("local-dpo-2");
    List<String> env = Files.readAllLines(r.runDir().resolve("env-2.txt"));
    assertThat(env).contains("SYNTHKIT_STAGE=dpo", "SYNTHKIT_ITERATION=2", "SYNTHKIT_BASE_MODEL=local-dpo-1",
        "SYNTHKIT_BETA=0.1", "SYNTHKIT_SUFFIX=reversegen-i2",
        "SYNTHKIT_PAIRS=" + r.runDir().resolve("reversegen/iter-2.dpo.trl.jsonl"));
    assertThat(Files.readString(r.runDir().resolve("reversegen/iter-1.command.log"))).contains("training on 6 pairs");
  }

  @Test
  void command_canServeTheNewModelElsewhere_viaBaseUrl() throws IOException {
    List<SimRequest> elsewhere = Collections.synchronizedList(new ArrayList<>());
    Responder main = script(q -> false, new CountDownLatch(1));
    // The new model is served by an open local server (no key), like vLLM started without --api-key.
    try (Simulator other = Simulator.start(SimulatorOptions.DEFAULT.withApiKeys(List.of()), q -> {
      elsewhere.add(q);
      return main.respond(q);
    })) {
      script("serve.sh", "printf '{\"model\": \"served-%s\", \"base_url\": \"" + other.baseUrl() + "\"}' "
          + "\"$SYNTHKIT_ITERATION\" > \"$SYNTHKIT_OUTPUT\"\n");
      RunResult r = Runs.run(Scripts.config(dir, "safety", 1000, Scripts.safetySeeds(dir))
          .set("reversegen.trainer.type", "command").set("reversegen.trainer.command", List.of("sh", "serve.sh"))
          .set("reversegen.trainer.warmup", false).build(), RunOptions.DEFAULT.withResponder(main));
      assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.INCOMPLETE);
      assertThat(elsewhere).isNotEmpty().allSatisfy(q -> {
        assertThat(q.callKey()).startsWith("iter/2/").endsWith("/propose");
        assertThat(q.model()).isEqualTo("served-1");
      });
      assertThat(elsewhere).hasSize(3);
    }
  }

  @Test
  void command_nonZeroExit_failsTheRunWithTheOutputsTail() throws IOException {
    script("broken.sh", "echo 'CUDA out of memory'\nexit 3\n");
    RunResult r = Runs.run(Scripts.config(dir, "safety", 1000, Scripts.safetySeeds(dir))
        .set("reversegen.trainer.type", "command").set("reversegen.trainer.command", "sh broken.sh").build(),
        RunOptions.DEFAULT.withResponder(script(q -> false, new CountDownLatch(1))));
    assertThat(r.status()).isEqualTo(RunStatus.FAILED);
    assertThat(r.exitCode()).isEqualTo(SynthkitException.EXIT_USAGE);
    assertThat(r.message()).contains("warmup").contains("exited with status 3").contains("CUDA out of memory");
  }
}
