package io.synthkit.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.benchmark.Benchmark;
import io.synthkit.benchmark.BenchmarkReport;
import io.synthkit.benchmark.BenchmarkSpec;
import io.synthkit.benchmark.ModelScore;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

  @TempDir
  Path dir;

  static final String MODELS = """
      models:
        default: {provider: simulated, max_repairs: 0}
        small: {model: small-1}
        large: {model: large-1}
        judge: {model: judge-1}
      """;

  RunConfig config() throws IOException {
    Path f = dir.resolve("models.yaml");
    Files.writeString(f, MODELS);
    return ConfigLoader.load(f, ConfigLoader.completeModelsOnly(f, List.of()), Map.of(), Methods.names());
  }

  /** Five GSM8K-style records in a run directory. */
  Path runDir() throws IOException {
    Path run = Files.createDirectories(dir.resolve("runs/gsm"));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append(Json.write(Json.object().put("id", "r" + i).set("data", Json.object()
          .put("question", "What is " + i + " + " + i + "?").put("answer", 2 * i)))).append('\n');
    }
    Files.writeString(run.resolve("dataset.jsonl"), sb.toString());
    return run;
  }

  /** small: r0, r1, r4 correct, r2 wrong, r3's verdict is not JSON; large: all correct but r4. */
  static final Set<String> WRONG = Set.of("bench/small/r2/judge", "bench/large/r4/judge");

  static Responder script(Map<String, SimRequest> requests) {
    return req -> {
      requests.put(req.callKey(), req);
      String k = req.callKey();
      if (k.endsWith("/answer")) {
        return SimResponse.text("Adding them gives the result. Final answer: 42 (" + k + ")");
      }
      if (k.equals("bench/small/r3/judge")) {
        return SimResponse.text("I think it might be right, maybe.");
      }
      return SimResponse.json(Json.object().put("final_answer", "42").put("is_same", !WRONG.contains(k)));
    };
  }

  @Test
  void accuracy_excludesUnparseableVerdictsAndReportsThem() throws IOException {
    Map<String, SimRequest> requests = new ConcurrentHashMap<>();
    BenchmarkReport report = Benchmark.run(config(), BenchmarkSpec.of(runDir(), List.of("small", "large"), "judge"),
        script(requests));
    ModelScore small = report.scores().get(0);
    assertThat(small.role()).isEqualTo("small");
    assertThat(small.model()).isEqualTo("small-1");
    assertThat(List.of(small.correct(), small.incorrect(), small.unparseable())).containsExactly(3, 1, 1);
    assertThat(small.accuracy()).isEqualTo(0.75);
    assertThat(small.items().get(3).verdict()).isEqualTo(Benchmark.UNPARSEABLE);
    ModelScore large = report.scores().get(1);
    assertThat(List.of(large.correct(), large.incorrect(), large.unparseable())).containsExactly(4, 1, 0);
    assertThat(large.accuracy()).isEqualTo(0.8);
    assertThat(report.table()).contains("small-1").contains("0.750").contains("0.800")
        .contains("unparseable verdicts are excluded");
    assertThat(Json.write(report)).contains("\"unparseable\":1");
    assertThat(report.usage()).containsKeys("small", "large", "judge");
  }

  @Test
  void candidates_answerAtTemperatureZeroAndTheJudgeSeesGoldAndResponse() throws IOException {
    Map<String, SimRequest> requests = new ConcurrentHashMap<>();
    Benchmark.run(config(), BenchmarkSpec.of(runDir(), List.of("small"), "judge"), script(requests));
    SimRequest answer = requests.get("bench/small/r2/answer");
    assertThat(answer.model()).isEqualTo("small-1");
    assertThat(answer.temperature()).isEqualTo(0.0);
    assertThat(answer.body().path("top_p").asDouble()).isEqualTo(1.0);
    assertThat(answer.lastUser()).contains("What is 2 + 2?");
    SimRequest judge = requests.get("bench/small/r2/judge");
    assertThat(judge.model()).isEqualTo("judge-1");
    assertThat(judge.lastUser()).contains("The gold answer: 4").contains("Final answer: 42 (bench/small/r2/answer)");
  }

  @Test
  void multipleChoice_showsLetteredOptionsFromAPlainFile() throws IOException {
    Path items = dir.resolve("mcq.jsonl");
    Files.writeString(items, Json.write(Json.object().put("question", "Largest planet?").put("answer", "B")
        .set("options", Json.tree(List.of("Mars", "Jupiter", "Venus", "Earth")))) + "\n");
    Map<String, SimRequest> requests = new ConcurrentHashMap<>();
    BenchmarkReport r = Benchmark.run(config(), BenchmarkSpec.of(items, List.of("large"), "judge"), script(requests));
    assertThat(requests.get("bench/large/item-0/answer").lastUser()).contains("A. Mars\nB. Jupiter\nC. Venus");
    assertThat(requests.get("bench/large/item-0/judge").lastUser()).contains("The gold answer: B");
    assertThat(r.items()).isEqualTo(1);
  }

  @Test
  void unknownRoleOrMissingAnswerField_areInputErrors() throws IOException {
    Path run = runDir();
    assertThatThrownBy(() -> Benchmark.run(config(), BenchmarkSpec.of(run, List.of("huge"), "judge"), null))
        .hasMessageContaining("model role 'huge' is not in the config's models").hasMessageContaining("large");
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, "{\"question\": \"Why?\", \"notes\": \"none\"}\n");
    assertThatThrownBy(() -> Benchmark.run(config(), BenchmarkSpec.of(plain, List.of("small"), "judge"), null))
        .hasMessageContaining("no answer field").hasMessageContaining("--answer-field");
  }
}
