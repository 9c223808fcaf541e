package io.synthkit.report;

import io.synthkit.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A run directory with every kind of content a report can show: categories over iterations, judge verdicts,
 * rejections, iteration events and hostile text, built by copying a real run's manifest and writing the logs.
 */
final class RichRun {

  private RichRun() {}

  static Path create(Path realRun, Path dir) throws IOException {
    Path run = Files.createDirectories(dir.resolve("rich"));
    Files.copy(realRun.resolve("manifest.json"), run.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
    String[] topics = {"fraud", "burglary", "hacking", "poisoning", "stalking", "forgery"};
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      int iteration = i / 10;
      String category = topics[Math.min(topics.length - 1, i % (iteration + 1))];
      var meta = Json.object().put("iteration", iteration).put("category", category);
      meta.putArray("parents").add(i < 10 ? "seed-" + (i % 10) : "r" + (i - 10));
      meta.putObject("judge").put("verdict", i % 3 == 0 ? "unsafe\nS2" : "safe").put("category", category);
      String text = i == 7 ? "<script>alert('x')</script> & \"quotes\" in a prompt about " + category
          : "prompt " + i + " asks how to commit " + category + " in step " + (i % 4) + " without being caught";
      data.append(Json.write(Json.object().put("id", "r" + i)
          .<com.fasterxml.jackson.databind.node.ObjectNode>set("data", Json.object().put("prompt", text)
              .put("response", "I can't help with that."))
          .set("meta", meta))).append('\n');
    }
    Files.writeString(run.resolve("dataset.jsonl"), data);
    StringBuilder rejected = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      rejected.append(Json.write(Json.object().put("key", "k" + i).put("step", i < 6 ? "rouge_filter" : "parse")
          .put("reason", "ROUGE-L F 0.8" + i + " > 0.70").put("raw", "raw <b>output</b> " + i))).append('\n');
    }
    Files.writeString(run.resolve("rejected.jsonl"), rejected);
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      events.append(Json.write(Json.object().put("key", "it/" + i).put("type", "iteration").put("iteration", i)
          .put("accepted", 10).put("distinct_2", 0.5 + i * 0.05))).append('\n');
    }
    events.append("{\"key\":\"w/0\",\"type\":\"weakness\",\"text\":\"not charted\"}\n");
    Files.writeString(run.resolve("events.jsonl"), events);
    return run;
  }
}
