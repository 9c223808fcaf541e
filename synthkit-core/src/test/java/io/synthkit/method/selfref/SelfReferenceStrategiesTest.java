package io.synthkit.method.selfref;

import static io.synthkit.method.selfref.SelfRefRuns.SEED;
import static io.synthkit.method.selfref.SelfRefRuns.SEED_QUESTION;
import static io.synthkit.method.selfref.SelfRefRuns.batch;
import static io.synthkit.method.selfref.SelfRefRuns.config;
import static io.synthkit.method.selfref.SelfRefRuns.events;
import static io.synthkit.method.selfref.SelfRefRuns.formattingQuestion;
import static io.synthkit.method.selfref.SelfRefRuns.fresh;
import static io.synthkit.method.selfref.SelfRefRuns.read;
import static io.synthkit.method.selfref.SelfRefRuns.yesNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.run.Rng;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.vector.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class SelfReferenceStrategiesTest {

  @TempDir
  Path dir;

  static final List<String> STEP0 = List.of("Do penguins live near the South Pole in winter?",
      "Is copper a good conductor of electricity?", "Do penguins eat fish?", "Can the south wind bring rain?",
      "Is the moon made of rock?");
  static final List<String> STEP1 = List.of("Is copper a better conductor of electricity than iron?",
      "Do owls hunt at night?", "Is silver a good conductor of heat?", "Can copper wire rust in the rain?",
      "Is electricity dangerous near water?");

  /** Replies by step with the given questions (answers alternate); records the formatting question per key. */
  static Responder steps(Map<String, String> shown) {
    return req -> {
      shown.put(req.callKey(), formattingQuestion(req));
      List<String> qs = req.callKey().startsWith("step/0/") ? STEP0 : req.callKey().startsWith("step/1/") ? STEP1
          : null;
      if (qs == null) {
        return fresh(req, 5);
      }
      JsonNode[] items = new JsonNode[qs.size()];
      for (int i = 0; i < qs.size(); i++) {
        items[i] = yesNo(qs.get(i), i % 2 == 0 ? "True" : "False");
      }
      return batch(items);
    };
  }

  /** The candidate a cosine rule picks, computed independently; asserts the pick is not decided by a tie. */
  static String byCosine(boolean most, String previous, List<String> candidates, List<Double> scores) {
    HashingEmbedder e = new HashingEmbedder();
    float[] p = e.embed(previous);
    List<Double> sorted = new ArrayList<>();
    for (String c : candidates) {
      double s = Vectors.cosine(p, e.embed(c));
      scores.add(s);
      sorted.add(s);
    }
    sorted.sort(most ? java.util.Comparator.reverseOrder() : java.util.Comparator.naturalOrder());
    assertThat(sorted.get(0)).as("scripted texts must not tie").isNotEqualTo(sorted.get(1));
    return candidates.get(scores.indexOf(sorted.get(0)));
  }

  void cosineStrategy(String strategy, boolean most, String expectedStep0) {
    Map<String, String> shown = new ConcurrentHashMap<>();
    RunResult r = Runs.run(config(dir, 11, strategy).build(), RunOptions.DEFAULT.withResponder(steps(shown)));

    List<Double> scores0 = new ArrayList<>();
    String pick0 = byCosine(most, SEED_QUESTION, STEP0, scores0);
    assertThat(pick0).isEqualTo(expectedStep0);
    assertThat(shown.get("step/1/try/0")).isEqualTo(pick0);
    List<Double> scores1 = new ArrayList<>();
    assertThat(shown.get("step/2/try/0")).isEqualTo(byCosine(most, pick0, STEP1, scores1));
    JsonNode choice0 = events(r.runDir(), "choice").get(0);
    assertThat(choice0.path("chosen").asText()).isEqualTo("sr-s0.t0.i" + STEP0.indexOf(pick0));
    for (int i = 0; i < scores0.size(); i++) {
      assertThat(choice0.path("cosine").get(i).asDouble()).isCloseTo(scores0.get(i), within(1e-4));
    }
  }

  @Test
  void contrastive_picksTheLeastSimilarQuestion() {
    cosineStrategy("contrastive", false, "Is copper a good conductor of electricity?");
  }

  @Test
  void similar_picksTheMostSimilarQuestion() {
    cosineStrategy("similar", true, "Do penguins live near the South Pole in winter?");
  }

  @Test
  void naive_alwaysShowsTheSeed() {
    Map<String, String> shown = new ConcurrentHashMap<>();
    RunResult r = Runs.run(config(dir, 20, "naive").build(), RunOptions.DEFAULT.withResponder(steps(shown)));
    assertThat(shown).hasSize(4).allSatisfy((k, q) -> assertThat(q).isEqualTo(SEED_QUESTION));
    assertThat(events(r.runDir(), "choice")).hasSize(3)
        .allSatisfy(e -> assertThat(e.path("chosen").asText()).isEqualTo("seed"));
    assertThat(read(r.runDir(), "dataset.jsonl")).allSatisfy(n -> {
      assertThat(n.path("meta").path("depth").asInt()).isEqualTo(1);
      assertThat(n.path("meta").path("strategy").asText()).isEqualTo("naive");
    });
  }

  @Test
  void random_picksUniformlyAmongTheLastCallsAcceptedWithTheSeededGenerator() {
    Map<String, String> shown = new ConcurrentHashMap<>();
    Responder base = steps(shown);
    // Step 0: two of five are invalid (copies of the seed), so the pick is among the other three.
    Responder r = req -> req.callKey().equals("step/0/try/0") ? recordAnd(shown, req, batch(
        yesNo(SEED_QUESTION, "True"), yesNo("Is tin a metal?", "True"), yesNo(SEED_QUESTION, "False"),
        yesNo("Is fog a cloud?", "True"), yesNo("Is a tomato a fruit?", "True"))) : base.respond(req);
    RunResult result = Runs.run(config(dir, 23, "random").build(), RunOptions.DEFAULT.withResponder(r));

    List<JsonNode> data = read(result.runDir(), "dataset.jsonl");
    List<JsonNode> choices = events(result.runDir(), "choice");
    // 3 + 5 + 5 + 5 + 5 = 23: the fifth step reaches the target, so four choices were made.
    assertThat(choices).hasSize(4);
    List<String> picked = new ArrayList<>();
    for (JsonNode c : choices) {
      int step = c.path("iteration").asInt();
      List<String> accepted = data.stream().filter(n -> n.path("meta").path("iteration").asInt() == step)
          .map(n -> n.path("id").asText()).toList();
      List<String> candidates = new ArrayList<>();
      c.path("candidates").forEach(x -> candidates.add(x.asText()));
      assertThat(candidates).isEqualTo(accepted);
      String expected = Rng.pick(accepted, Rng.of(SEED, "step/" + step + "/choice"));
      assertThat(c.path("chosen").asText()).isEqualTo(expected);
      String question = data.stream().filter(n -> n.path("id").asText().equals(expected)).findFirst().orElseThrow()
          .path("data").path("question").asText();
      assertThat(shown.get("step/" + (step + 1) + "/try/0")).isEqualTo(question);
      picked.add(expected.substring(expected.lastIndexOf('.')));
    }
    assertThat(choices.get(0).path("candidates")).hasSize(3);
    assertThat(data.get(8).path("meta").path("depth").asInt()).isEqualTo(3);
    assertThat(new java.util.HashSet<>(picked)).as("the seeded picks vary across steps").hasSizeGreaterThan(1);
  }

  static SimResponse recordAnd(Map<String, String> shown, io.synthkit.sim.SimRequest req, SimResponse response) {
    shown.put(req.callKey(), formattingQuestion(req));
    return response;
  }

  @Test
  void tree_isBreadthFirstOverAcceptedRowsInASeededShuffleOfEachLevel() {
    Map<String, String> shown = new ConcurrentHashMap<>();
    Responder r = req -> {
      shown.put(req.callKey(), formattingQuestion(req));
      return fresh(req, 3);
    };
    RunResult result = Runs.run(config(dir, 30, "tree").set("self-reference.examples_per_call", 3)
        .set("self-reference.level_batch", 2).build(), RunOptions.DEFAULT.withResponder(r));

    List<JsonNode> data = read(result.runDir(), "dataset.jsonl");
    Map<String, String> questionOf = data.stream().collect(Collectors.toMap(n -> n.path("id").asText(),
        n -> n.path("data").path("question").asText()));
    questionOf.put("seed", SEED_QUESTION);
    List<String> level = List.of("seed");
    for (int hop = 0; hop <= 2; hop++) {
      List<String> order = Rng.shuffled(level, Rng.of(SEED, "hop/" + hop + "/r0/order"));
      int h = hop;
      JsonNode hopEvent = events(result.runDir(), "hop").stream().filter(e -> e.path("hop").asInt() == h)
          .findFirst().orElseThrow();
      List<String> logged = new ArrayList<>();
      hopEvent.path("order").forEach(x -> logged.add(x.asText()));
      assertThat(logged).isEqualTo(order);
      List<String> called = events(result.runDir(), "call").stream().filter(e -> e.path("hop").asInt() == h)
          .map(e -> e.path("formatting_example").asText()).toList();
      assertThat(order).startsWith(called.toArray(String[]::new));
      for (int i = 0; i < called.size(); i++) {
        assertThat(shown.get("hop/" + hop + "/r0/node/" + i + "/try/0")).isEqualTo(questionOf.get(order.get(i)));
      }
      List<JsonNode> children = data.stream().filter(n -> n.path("meta").path("hop").asInt() == h).toList();
      List<String> parents = level;
      children.forEach(n -> {
        assertThat(parents).contains(n.path("meta").path("parents").get(0).asText());
        assertThat(n.path("meta").path("depth").asInt()).isEqualTo(h + 1);
      });
      level = children.stream().map(n -> n.path("id").asText()).toList();
    }
    assertThat(events(result.runDir(), "hop").stream().map(e -> e.path("formatting_examples").asInt()))
        .containsExactly(1, 3, 9);
    assertThat(events(result.runDir(), "edge")).hasSize(30).allSatisfy(e -> assertThat(data.stream()
        .filter(n -> n.path("id").asText().equals(e.path("child").asText())).findFirst().orElseThrow()
        .path("meta").path("parents").get(0).asText()).isEqualTo(e.path("parent").asText()));
  }

  @Test
  void tree_rerunsAnEmptyLevelWithNewKeysThenRestartsFromTheSeed() {
    Map<String, String> shown = new ConcurrentHashMap<>();
    Responder r = req -> {
      String q = formattingQuestion(req);
      shown.put(req.callKey(), q);
      // Every call of hop 1 copies its formatting example, so hop 1 accepts nothing.
      return req.callKey().startsWith("hop/1/") ? batch(yesNo(q, "True"), yesNo(q, "False")) : fresh(req, 2);
    };
    RunResult result = Runs.run(config(dir, 6, "tree").set("self-reference.examples_per_call", 2)
        .set("self-reference.max_retries", 0).set("self-reference.max_level_reruns", 1).build(),
        RunOptions.DEFAULT.withResponder(r));

    assertThat(result.status()).isEqualTo(io.synthkit.spi.RunStatus.COMPLETED);
    assertThat(shown).containsKeys("hop/1/r0/node/0/try/0", "hop/1/r0/node/1/try/0", "hop/1/r1/node/0/try/0",
        "hop/1/r1/node/1/try/0").doesNotContainKeys("hop/1/r2/node/0/try/0", "hop/1/r0/node/0/try/1");
    assertThat(shown.get("hop/2/r0/node/0/try/0")).isEqualTo(SEED_QUESTION);
    assertThat(events(result.runDir(), "fallback")).singleElement()
        .satisfies(e -> assertThat(e.path("hop").asInt()).isEqualTo(1));
    List<JsonNode> data = read(result.runDir(), "dataset.jsonl");
    assertThat(data).hasSize(6);
    assertThat(data.stream().filter(n -> n.path("meta").path("hop").asInt() == 2))
        .allSatisfy(n -> assertThat(n.path("meta").path("parents").get(0).asText()).isEqualTo("seed"));
  }
}
