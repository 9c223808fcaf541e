package io.synthkit.method.selfref;

import static io.synthkit.method.selfref.SelfRefRuns.config;
import static io.synthkit.method.selfref.SelfRefRuns.fresh;
import static io.synthkit.method.selfref.SelfRefRuns.read;
import static io.synthkit.method.selfref.SelfRefRuns.yesNo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.run.Manifest;
import io.synthkit.RunHandle;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.synthkit.Runs;

@Timeout(120)
class SelfReferenceRunTest {

  @TempDir
  Path dir;

  /** Answers "True" to everything unless the prompt asks for more "False" answers; records every prompt. */
  static Responder leaningTrue(Map<String, String> prompts) {
    return req -> {
      prompts.put(req.callKey(), req.lastUser());
      String answer = req.lastUser().contains("is \"False\"") ? "False" : "True";
      JsonNode[] items = new JsonNode[4];
      for (int i = 0; i < 4; i++) {
        items[i] = yesNo("Is claim " + req.callKey() + " number " + i + " accurate?", answer);
      }
      return SelfRefRuns.batch(items);
    };
  }

  static Map<String, Integer> countLabels(List<JsonNode> data) {
    Map<String, Integer> out = new java.util.HashMap<>(Map.of("True", 0, "False", 0));
    data.forEach(n -> out.merge(n.path("data").path("answer").asText(), 1, Integer::sum));
    return out;
  }

  @Test
  void balance_refusesOverRepresentedLabelsAndAsksForTheLaggingOne() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(config(dir, 20, "naive").set("self-reference.examples_per_call", 4)
        .set("self-reference.balance_labels", true).set("self-reference.balance_max_gap", 2).build(),
        RunOptions.DEFAULT.withResponder(leaningTrue(prompts)));

    assertThat(r.accepted()).isEqualTo(20);
    List<JsonNode> data = read(r.runDir(), "dataset.jsonl");
    for (int n = 1; n <= data.size(); n++) {
      Map<String, Integer> c = countLabels(data.subList(0, n));
      assertThat(Math.abs(c.get("True") - c.get("False"))).as("gap after %d records", n).isLessThanOrEqualTo(2);
    }
    assertThat(read(r.runDir(), "rejected.jsonl")).anySatisfy(n -> {
      assertThat(n.path("key").asText()).isEqualTo("step/0/try/0/item/2");
      assertThat(n.path("step").asText()).isEqualTo("balance");
    });
    assertThat(prompts.get("step/0/try/0")).doesNotContain("too few");
    assertThat(prompts.get("step/1/try/0")).contains("too few examples whose \"answer\" is \"False\" (True: 2,"
        + " False: 0)");
    JsonNode labels = Manifest.read(r.runDir()).summary().path("labels");
    Map<String, Integer> counted = countLabels(data);
    assertThat(labels.path("True").asInt()).isEqualTo(counted.get("True"));
    assertThat(labels.path("False").asInt()).isEqualTo(counted.get("False"));
  }

  @Test
  void balance_inAVariantLabelSpaceBalancesTheAnswerPosition() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    // Puts the answer first unless the prompt asks for another position.
    Responder r = req -> {
      prompts.put(req.callKey(), req.lastUser());
      String user = req.lastUser();
      int at = user.indexOf("Put the correct option at position \"");
      int pos = at < 0 ? 0 : user.charAt(at + 36) - 'A';
      JsonNode[] items = new JsonNode[4];
      for (int i = 0; i < 4; i++) {
        String[] opts = {"w" + i, "x" + i, "y" + i, "z" + i};
        items[i] = SelfRefRuns.mcqa("Which option " + req.callKey() + " " + i + "?", opts[pos], opts);
      }
      return SelfRefRuns.batch(items);
    };
    RunResult result = Runs.run(config(dir, 24, "naive")
        .set("self-reference.example", SelfRefRuns.mcqa("Which is a fruit?", "pear", "pear", "stone", "sock", "cup"))
        .set("self-reference.label_space", "variant").set("self-reference.examples_per_call", 4)
        .set("self-reference.balance_labels", true).set("self-reference.balance_max_gap", 3).build(),
        RunOptions.DEFAULT.withResponder(r));

    assertThat(result.accepted()).isEqualTo(24);
    assertThat(prompts.get("step/1/try/0")).contains("too few examples whose correct option is at position \"B\" or"
        + " \"C\" or \"D\" (A: 3, B: 0, C: 0, D: 0;");
    JsonNode labels = Manifest.read(result.runDir()).summary().path("labels");
    List<Integer> counts = List.of(labels.path("A").asInt(), labels.path("B").asInt(), labels.path("C").asInt(),
        labels.path("D").asInt());
    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
    assertThat(java.util.Collections.max(counts) - java.util.Collections.min(counts)).isLessThanOrEqualTo(3);
  }

  @Test
  void labelReport_countsEveryLabelWithoutBalancing() {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(config(dir, 10, "naive").set("self-reference.examples_per_call", 4).build(),
        RunOptions.DEFAULT.withResponder(leaningTrue(prompts)));
    assertThat(Manifest.read(r.runDir()).summary().path("labels")).isEqualTo(Json.parse("{\"True\":10,\"False\":0}"));
    assertThat(prompts.values()).noneMatch(p -> p.contains("too few"));
    assertThat(read(r.runDir(), "dataset.jsonl")).allSatisfy(n -> assertThat(n.path("meta").path("category")
        .asText()).isEqualTo("True"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tree", "contrastive"})
  void resume_afterCancelRequestsNoSampleKeyTwiceExceptThoseInFlight(String strategy) throws Exception {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunConfig c = config(dir, 40, strategy).set("self-reference.examples_per_call", 3)
        .set("self-reference.level_batch", 4).build();
    RunHandle h = Runs.start(c, RunOptions.DEFAULT.withResponder(counting(counts, 40)));
    Path dataset = c.runDir().resolve("dataset.jsonl");
    while (!Files.exists(dataset) || Files.readAllLines(dataset).size() < 10) {
      Thread.sleep(10);
    }
    h.cancel();
    assertThat(h.await().status()).isEqualTo(RunStatus.INTERRUPTED);
    List<String> before = TestRuns.lines(c.runDir(), "dataset.jsonl");
    Set<String> firstKeys = Set.copyOf(counts.keySet());
    // A call event is written after its reply was consumed, so that reply is in the cache and must be replayed.
    Set<String> consumed = read(c.runDir(), "events.jsonl").stream().filter(e -> e.path("type").asText()
        .equals("call")).map(e -> e.path("key").asText()).collect(java.util.stream.Collectors.toSet());
    assertThat(consumed).isNotEmpty();

    RunResult second = Runs.run(c, RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
    List<String> after = TestRuns.lines(c.runDir(), "dataset.jsonl");
    assertThat(after).hasSize(40);
    assertThat(after.subList(0, before.size())).isEqualTo(before);
    List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .toList();
    assertThat(repeated).as("only calls in flight at the cancel").hasSizeLessThanOrEqualTo(4);
    assertThat(firstKeys).containsAll(repeated);
    assertThat(repeated).as("consumed replies are replayed, not requested again").doesNotContainAnyElementsOf(consumed);
    assertThat(counts.values()).allMatch(n -> n <= 2);
    List<JsonNode> events = read(c.runDir(), "events.jsonl");
    assertThat(events.stream().map(e -> e.path("key").asText()).distinct()).hasSize(events.size());
  }

  static Responder counting(Map<String, Integer> counts, int delayMs) {
    return req -> {
      counts.merge(req.callKey(), 1, Integer::sum);
      SimResponse r = fresh(req, 3);
      return delayMs == 0 ? r : r.delayed(delayMs);
    };
  }

  @Test
  void extend_raisingTheTargetRepeatsNoCall() {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    RunConfig small = config(dir, 10, "tree").set("self-reference.examples_per_call", 3).build();
    Runs.run(small, RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    List<String> first = TestRuns.lines(small.runDir(), "dataset.jsonl");
    RunResult more = Runs.run(small.withTarget(30), RunOptions.DEFAULT.withResponder(counting(counts, 0)));
    assertThat(more.accepted()).isEqualTo(30);
    assertThat(counts.values()).allMatch(n -> n == 1);
    assertThat(TestRuns.lines(small.runDir(), "dataset.jsonl").subList(0, 10)).isEqualTo(first);
  }

  @Test
  void formattingExample_canComeFromAPrettyPrintedJsonFile() throws Exception {
    Files.writeString(dir.resolve("example.json"), Json.pretty(yesNo("Is the Sahara a desert?", "True")));
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(config(dir, 3, "naive").set("self-reference.example", null)
        .seeds(dir.resolve("example.json")).build(), RunOptions.DEFAULT.withResponder(leaningTrue(prompts)));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(prompts.get("step/0/try/0")).contains("Is the Sahara a desert?");
  }
}
