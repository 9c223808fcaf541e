package io.synthkit.run;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.method.Methods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared helpers for tests that run methods end to end. */
public final class TestRuns {

  private TestRuns() {}

  /** Writes ten distinct instruction seeds and returns the file. */
  public static Path seeds(Path dir) {
    String[] topics = {"bake sourdough bread at home", "explain photosynthesis to a child", "write a limerick about a"
        + " cat", "compare TCP and UDP briefly", "plan a three day trip to Lisbon", "fix a leaking kitchen tap",
        "summarise the causes of the French Revolution", "choose a first programming language",
        "train a puppy to sit", "reduce food waste in a small household"};
    StringBuilder sb = new StringBuilder();
    for (String t : topics) {
      sb.append("{\"instruction\": \"Please tell me how to ").append(t).append(".\", \"output\": \"An answer about ")
          .append(t).append(".\"}\n");
    }
    try {
      Path f = dir.resolve("seeds.jsonl");
      Files.writeString(f, sb.toString());
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A simulated self-instruct config writing under {@code dir/runs}. */
  public static ConfigBuilder selfInstruct(Path dir, int target) {
    return ConfigBuilder.create("t", "self-instruct", Methods.names()).target(target).simulated()
        .outputDir(dir.resolve("runs")).seeds(seeds(dir)).set("self-instruct.batch_size", 4).baseDir(dir)
        .environment(Map.of());
  }

  /** Reads the raw lines of a run file. */
  public static List<String> lines(Path runDir, String file) {
    try {
      Path p = runDir.resolve(file);
      return Files.exists(p) ? Files.readAllLines(p) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
