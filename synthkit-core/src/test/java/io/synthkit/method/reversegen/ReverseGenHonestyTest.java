package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

class ReverseGenHonestyTest {

  @TempDir
  Path dir;

  /** The target's ten sampled answers per sample index: H = 0, 1.366, 1.089 and 1.609 nats. */
  static final List<List<String>> SAMPLES = List.of(
      Collections.nCopies(10, "A"),
      List.of("Answer: A", "A", "A", "B", "(B)", "B.", "C", "C", "D", "D"),
      List.of("A", "A", "A", "A", "B", "B", "B", "C", "C", "C"),
      List.of("A", "A", "B", "B", "C", "C", "D", "D", "I am not sure.", "Hmm"));

  static final boolean[] UNSURE = {false, true, false, true};

  static String mcq(int prompt, int sample) {
    String tag = "p" + prompt + "s" + sample;
    return "Which of these is " + Scripts.words(tag) + "?\nA. " + Scripts.words(tag + "a") + "\nB. "
        + Scripts.words(tag + "b") + "\nC. " + Scripts.words(tag + "c") + "\nD. " + Scripts.words(tag + "d")
        + "\nAnswer: B";
  }

  Path seeds() throws IOException {
    return seedsIn(dir);
  }

  /** Writes six MMLU-style seed questions into a directory. */
  Path seedsIn(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(Json.write(Json.object().put("question", "Seed question " + Scripts.words("q" + i) + "?")
          .put("subject", "high_school_biology").put("answer", i % 4)
          .set("choices", Json.array().add("one " + i).add("two " + i).add("three " + i).add("four " + i))))
          .append('\n');
    }
    Path f = dir.resolve("mmlu.jsonl");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void entropyOfTenSampledAnswers_decidesSureOrUnsure() throws IOException {
    Map<String, String> prompts = new ConcurrentHashMap<>();
    List<SimRequest> sampleRequests = Collections.synchronizedList(new ArrayList<>());
    List<SimRequest> greedyRequests = Collections.synchronizedList(new ArrayList<>());
    Responder r = req -> {
      String key = req.callKey();
      prompts.put(key, req.lastUser());
      String[] parts = key.split("/");
      if (key.endsWith("/propose")) {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < req.n(); s++) {
          // The proposer rambles on into a fifth question; cleaning keeps the fourth through its answer line.
          texts.add("Q4. " + mcq(Scripts.prompt(req), s) + "\n\nQ5. Something else?\nA. x\nB. y");
        }
        return SimResponse.texts(texts);
      }
      if (key.endsWith("/samples")) {
        sampleRequests.add(req);
        return SimResponse.texts(SAMPLES.get(Integer.parseInt(parts[5])));
      }
      if (key.endsWith("/target")) {
        greedyRequests.add(req);
        return SimResponse.text("B");
      }
      return null;
    };
    RunResult result = Runs.run(Scripts.config(dir, "honesty", 100, seeds()).set("reversegen.iterations", 1)
        .set("reversegen.honesty_temperature", 0.7).build(), RunOptions.DEFAULT.withResponder(r));
    assertThat(result.status()).isEqualTo(RunStatus.INCOMPLETE);

    assertThat(sampleRequests).hasSize(12).allSatisfy(q -> {
      assertThat(q.n()).isEqualTo(10);
      assertThat(q.temperature()).isEqualTo(0.7);
      assertThat(q.lastUser()).doesNotContain("Answer: B").contains("Answer with the letter");
    });
    assertThat(greedyRequests).hasSize(12).allSatisfy(q -> assertThat(q.temperature()).isEqualTo(0.0));

    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data).hasSize(12); // honesty keeps sure and unsure questions
    for (JsonNode n : data) {
      int s = Integer.parseInt(n.path("id").asText().substring(n.path("id").asText().lastIndexOf('s') + 1));
      int p = Integer.parseInt(n.path("id").asText().split("-")[2].substring(1));
      assertThat(n.path("data").path("response").asText()).as(n.path("id").asText())
          .isEqualTo(UNSURE[s] ? " unsure." : " sure.");
      assertThat(n.path("meta").path("failure").asBoolean()).isEqualTo(UNSURE[s]);
      assertThat(n.path("data").path("question").asText()).isEqualTo(mcq(p, s).replace("\nAnswer: B", ""));
      assertThat(n.path("data").path("answer").asText()).isEqualTo("B");
      assertThat(n.path("data").path("instruction").asText()).endsWith("I am").contains("Answer: B.");
    }
    JsonNode s1 = data.stream().filter(n -> n.path("id").asText().equals("rg-i1-p0-s1")).findFirst().orElseThrow();
    double h = -(2 * 0.3 * Math.log(0.3) + 2 * 0.2 * Math.log(0.2));
    assertThat(s1.path("meta").path("oracle").path("entropy").asDouble()).isCloseTo(h, org.assertj.core.data.Offset
        .offset(1e-6));
    assertThat(s1.path("meta").path("oracle").path("answers").toString())
        .isEqualTo("{\"A\":3,\"B\":3,\"C\":2,\"D\":2}");
    JsonNode s3 = data.stream().filter(n -> n.path("id").asText().equals("rg-i1-p0-s3")).findFirst().orElseThrow();
    assertThat(s3.path("meta").path("oracle").path("answers").path("none").asInt()).isEqualTo(2);

    String prompt = prompts.get("iter/1/prompt/0/propose");
    assertThat(prompt).contains("high school biology").contains("Q1. Seed question").contains("Q3. ")
        .endsWith("Q4.");
    assertThat(prompt).containsPattern("\nA\\. (one|two|three|four) \\d\n");
  }
}
