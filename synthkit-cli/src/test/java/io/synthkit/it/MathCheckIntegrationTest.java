package io.synthkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.RunOptions;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.SimResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.synthkit.Runs;

/** DataGen's code-based math check running model-written programs in the real GraalPy sandbox. */
class MathCheckIntegrationTest {

  @TempDir
  Path dir;

  static final String WRONG = "A baker bakes 12 trays of 8 rolls and sells 30 rolls. How many rolls are left?";
  static final String SECOND = "Ann shares 45 stickers equally among 5 friends. How many does each friend get?";

  @Test
  void wrongLabel_isReplacedByTheGraalPyResult_andErrorsFeedTheRetry() throws Exception {
    Path base = dir.resolve("base.jsonl");
    Files.writeString(base, "{\"question\": \"Tom has 3 bags of 4 apples. How many apples?\", \"answer\": 12}\n");
    Map<String, String> prompts = new ConcurrentHashMap<>();
    RunResult r = Runs.run(Runs.config("math", "datagen").target(2).simulated().seeds(base)
        .outputDir(dir.resolve("runs")).set("datagen.batch_size", 2).set("datagen.parallel_batches", 1)
        .set("datagen.selection", "random").set("datagen.stages", List.of("math_check")).baseDir(dir).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          prompts.put(req.callKey(), req.lastUser());
          return switch (req.callKey()) {
            case "batch/0" -> SimResponse.json(Json.object().set("items", Json.array()
                .add(Json.object().put("question", WRONG).put("answer", 70))
                .add(Json.object().put("question", SECOND).put("answer", 9))));
            case "math_check/dg-b0-i0/attempt/0" -> program("trays = 12\nper_tray = 8\nsold = 30\n"
                + "answer = trays * per_tray - sold");
            case "math_check/dg-b0-i1/attempt/0" -> program("friends = 0\nanswer = 45 / friends");
            case "math_check/dg-b0-i1/attempt/1" -> program("answer = 45 // 5");
            default -> SimResponse.text("unexpected call " + req.callKey());
          };
        }));
    assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.COMPLETED);
    List<JsonNode> data = TestRuns.lines(r.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
    assertThat(data.get(0).path("data").path("answer").asInt()).isEqualTo(66);
    JsonNode first = data.get(0).path("meta").path("quality").path("math_check");
    assertThat(first.path("status").asText()).isEqualTo("corrected");
    assertThat(first.path("original_label").asInt()).isEqualTo(70);
    assertThat(prompts.get("math_check/dg-b0-i1/attempt/1")).contains("ZeroDivisionError");
    JsonNode second = data.get(1).path("meta").path("quality").path("math_check");
    assertThat(second.path("status").asText()).isEqualTo("verified");
    assertThat(data.get(1).path("data").path("answer").asInt()).isEqualTo(9);
  }

  static SimResponse program(String code) {
    return SimResponse.json(Json.object().put("analysis", "compute step by step").put("code", code));
  }
}
