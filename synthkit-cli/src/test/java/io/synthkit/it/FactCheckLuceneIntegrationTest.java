package io.synthkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.retrieval.lucene.CorpusIndexer;
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

/** DataGen's retrieval fact check over a real Lucene index of the mini encyclopedia. */
class FactCheckLuceneIntegrationTest {

  static final Path CORPUS = Path.of("..", "synthkit-lucene", "src", "test", "resources", "corpus",
      "mini-encyclopedia.jsonl");

  @TempDir
  Path dir;

  @Test
  void wrongFact_isCorrectedFromRetrievedPassages() throws Exception {
    Path index = dir.resolve("index");
    CorpusIndexer.builder().build().index(CORPUS, index, (docs, passages) -> {});
    Path base = dir.resolve("base.jsonl");
    Files.writeString(base, "{\"question\": \"Which river flows through Paris?\", \"answer\": \"The Seine\"}\n");
    Map<String, String> prompts = new ConcurrentHashMap<>();
    String wrong = "For which World's Fair year was the Eiffel Tower built?";
    RunResult r = Runs.run(Runs.config("fact", "datagen").target(1).simulated().seeds(base)
        .outputDir(dir.resolve("runs")).set("datagen.batch_size", 1).set("datagen.parallel_batches", 1)
        .set("datagen.selection", "random").set("datagen.stages", List.of("fact_check"))
        .set("retrieval", Map.of("provider", "lucene", "index", index.toString())).baseDir(dir).build(),
        RunOptions.DEFAULT.withResponder(req -> {
          prompts.put(req.callKey(), req.lastUser());
          String k = req.callKey();
          if (k.equals("batch/0")) {
            return SimResponse.json(Json.object().set("items", Json.array().add(Json.object()
                .put("question", wrong).put("answer", "1899"))));
          }
          if (k.endsWith("/entities")) {
            return SimResponse.json(Json.object().set("entities", Json.tree(List.of("Eiffel Tower"))));
          }
          // Correct only on the evidence: without the Paris passage the judge would confirm the wrong year.
          boolean evidence = req.lastUser().contains("World's Fair of 1889");
          JsonNode fixed = Json.object().put("question", wrong).put("answer", "1889");
          return SimResponse.json(Json.object().put("analysis", "the passage gives 1889").put("is_accurate", !evidence)
              .set("corrected_item", evidence ? fixed : Json.object().nullNode()));
        }));
    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(prompts.get("fact_check/dg-b0-i0/verify")).contains("[Paris]");
    JsonNode rec = Json.parse(TestRuns.lines(r.runDir(), "dataset.jsonl").get(0));
    assertThat(rec.path("data").path("answer").asText()).isEqualTo("1889");
    JsonNode found = rec.path("meta").path("quality").path("fact_check");
    assertThat(found.path("changed").asBoolean()).isTrue();
    assertThat(found.path("evidence")).extracting(JsonNode::asText).contains("Paris");
  }
}
