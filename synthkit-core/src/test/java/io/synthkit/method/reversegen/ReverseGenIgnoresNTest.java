package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.Runs;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.ProfileProxy;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReverseGen's honesty entropy against a target served like Ollama, which ignores {@code n}: the gateway asks again
 * for the missing answers, so every question is judged on ten, not one (with one, H = 0 and nothing is ever unsure).
 */
class ReverseGenIgnoresNTest {

  @TempDir
  Path dir;

  /** The i-th of ten sampled answers is asked for under the sample key plus {@code #i} (the first under the key). */
  private static int sampleIndex(String key) {
    int hash = key.lastIndexOf('#');
    return hash < 0 ? 0 : Integer.parseInt(key.substring(hash + 1));
  }

  /** Answers like the scripted target of {@link ReverseGenHonestyTest}, one sampled answer per request. */
  private static final Responder SCRIPT = req -> {
    String key = req.callKey();
    String[] parts = key.split("/");
    if (key.endsWith("/propose")) {
      List<String> texts = new ArrayList<>();
      for (int s = 0; s < req.n(); s++) {
        texts.add("Q4. " + ReverseGenHonestyTest.mcq(Scripts.prompt(req), s));
      }
      return SimResponse.texts(texts);
    }
    if (key.contains("/samples")) {
      List<String> answers = ReverseGenHonestyTest.SAMPLES.get(Integer.parseInt(parts[5]));
      return SimResponse.text(answers.get(sampleIndex(key)));
    }
    if (key.endsWith("/target")) {
      return SimResponse.text("B");
    }
    return null;
  };

  @Test
  void entropyUsesTenAnswers() throws IOException {
    try (Simulator sim = Simulator.start(null, SCRIPT);
        ProfileProxy ollama = ProfileProxy.start(sim, ProfileProxy.Habit.IGNORES_N)) {
      judgedOnTenAnswers(sim, ollama.baseUrl(), ollama::forwarded);
    }
  }

  /** The same run with the target served by the simulator's own {@code ollama} profile, chosen by the model name. */
  @Test
  void entropyUsesTenAnswers_underTheSimulatorsOllamaProfile() throws IOException {
    try (Simulator sim = Simulator.start(null, SCRIPT);
        Simulator ollama = Simulator.start(null, SCRIPT)) {
      judgedOnTenAnswers(sim, ollama.baseUrl(), () -> (int) ollama.requests());
    }
  }

  private void judgedOnTenAnswers(Simulator sim, String targetUrl, IntSupplier targetRequests) throws IOException {
    RunResult result = Runs.run(Scripts.config(dir, "honesty", 100, new ReverseGenHonestyTest().seedsIn(dir))
        .model("default", ModelConfig.openAi(sim.baseUrl(), "m").apiKey("sk-test").build())
        .model("target", ModelConfig.openAi(targetUrl, "llama3.1:8b").apiKey("sk-test").build())
        .set("reversegen.iterations", 1).set("reversegen.honesty_temperature", 0.7).build());
    // One iteration yields 12 of the 100 asked for: the run says so.
    assertThat(result.status()).as(result.message()).isEqualTo(RunStatus.INCOMPLETE);

    List<JsonNode> data = TestRuns.lines(result.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data).hasSize(12);
    for (JsonNode n : data) {
      String id = n.path("id").asText();
      int s = Integer.parseInt(id.substring(id.lastIndexOf('s') + 1));
      assertThat(n.path("meta").path("oracle").path("samples").asInt()).as(id).isEqualTo(10);
      assertThat(n.path("meta").path("failure").asBoolean()).as(id).isEqualTo(ReverseGenHonestyTest.UNSURE[s]);
    }
    JsonNode s1 = data.stream().filter(n -> n.path("id").asText().equals("rg-i1-p0-s1")).findFirst().orElseThrow();
    assertThat(s1.path("meta").path("oracle").path("answers").toString())
        .isEqualTo("{\"A\":3,\"B\":3,\"C\":2,\"D\":2}");
    // Ten answers per question (12 questions x 10 sampling requests) plus the 12 greedy target calls.
    assertThat(targetRequests.getAsInt()).isEqualTo(12 * 10 + 12);
    JsonNode adaptations = Json.parse(String.join("\n", TestRuns.lines(result.runDir(), "manifest.json")))
        .path("adaptations");
    assertThat(adaptations.findValuesAsText("fix")).containsExactly("top_up");
  }
}
