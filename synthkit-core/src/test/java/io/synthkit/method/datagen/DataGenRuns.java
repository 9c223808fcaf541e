package io.synthkit.method.datagen;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.Runs;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Base data and configs for DataGen tests. */
final class DataGenRuns {

  private DataGenRuns() {}

  /** Three well-separated topics (disjoint vocabularies), four questions each; the topic word is in every text. */
  static final String[][] CLUSTERS = {
      {"orchard apples pears harvest baskets ladder", "orchard cider press apples autumn crates",
          "orchard pears blossom bees pollinate trees", "orchard pruning shears branches apples winter"},
      {"harbour ferries tides moorings sailors ropes", "harbour lighthouse beacon fog sailors night",
          "harbour cranes containers ships cargo docks", "harbour fishermen nets tides boats dawn"},
      {"galaxy telescope nebula stars astronomers night", "galaxy spiral arms stars dust clouds",
          "galaxy quasar radio telescope signals distant", "galaxy comet orbit stars astronomers tail"}};

  static final String[] TOPICS = {"orchard", "harbour", "galaxy"};

  /** Writes the clustered base data as JSONL with question and integer answer. */
  static Path clusteredBase(Path dir) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (String[] cluster : CLUSTERS) {
      for (String text : cluster) {
        sb.append(Json.write(Json.object().put("id", "q" + n).put("question", "How many " + text + "?")
            .put("answer", n + 1))).append('\n');
        n++;
      }
    }
    return write(dir.resolve("base.jsonl"), sb.toString());
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A simulated DataGen config over a base file, hashing embeddings, no internal stages unless set. */
  static ConfigBuilder config(Path dir, int target, Path base) {
    return Runs.config("dg", DataGen.NAME).target(target).simulated().outputDir(dir.resolve("runs"))
        .seeds(base).set("embeddings.provider", "hashing").set("datagen.stages", List.of())
        .set("datagen.parallel_batches", 2).baseDir(dir).environment(Map.of());
  }

  /** The example lines of a generation prompt. */
  static List<String> examples(String prompt) {
    int start = prompt.indexOf("one JSON object per line:\n");
    if (start < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : prompt.substring(start + 26).split("\n")) {
      if (!line.startsWith("{")) {
        break;
      }
      out.add(line);
    }
    return out;
  }

  static List<JsonNode> dataset(Path runDir) {
    return TestRuns.lines(runDir, "dataset.jsonl").stream().map(Json::parse).toList();
  }
}
