package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.data.SeedFile;
import io.synthkit.json.Json;
import io.synthkit.llm.ModelConfig;
import io.synthkit.llm.Tokens;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warns, when a run starts, about seed items too large for the smallest context window among the run's models: every
 * prompt that quotes such an item is rejected ({@code context_length}) rather than sent, and the user should hear why
 * before the rejections pile up. Only the warning lives here; the per-prompt check is the gateway's. Stateless.
 */
final class OversizedSeeds {

  /** At most this many items are named; the rest are counted. */
  private static final int NAMED = 3;

  private OversizedSeeds() {}

  /**
   * Returns the warnings for a run's {@code data.seeds}.
   *
   * @param config the run config
   * @return one notice per oversized item (the first three) and a count of the rest; empty when all fit
   */
  static List<String> check(RunConfig config) {
    String seeds = config.data() == null ? null : config.data().seeds();
    if (seeds == null || !Files.isRegularFile(config.resolve(seeds))) {
      return List.of();
    }
    Path file = config.resolve(seeds);
    List<ObjectNode> items;
    try {
      items = SeedFile.read(file, "text");
    } catch (SynthkitException unreadable) {
      return List.of(); // the method's own validation reports a broken file
    }
    Map.Entry<String, Integer> smallest = smallestWindow(config.models());
    int window = smallest.getValue();
    List<String> out = new ArrayList<>();
    int over = 0;
    for (int i = 0; i < items.size(); i++) {
      String text = Json.write(items.get(i));
      if ((long) text.length() * 3 <= window) {
        continue; // cannot be over: a token is at least one byte
      }
      long tokens = Tokens.countAtMost(Prompt.user(text), window);
      if (tokens > window && ++over <= NAMED) {
        out.add(String.format(Locale.ROOT, "warning: data.seeds: item %d of %s (%,d characters) is over the %,d-token"
            + " context of %s: every prompt that quotes it is rejected (context_length) instead of sent", i + 1,
            file.getFileName(), text.length(), window, smallest.getKey()));
      }
    }
    if (over > NAMED) {
      out.add("warning: data.seeds: " + (over - NAMED) + " more items of " + file.getFileName() + " are over the"
          + " context too");
    }
    return out;
  }

  /** The role whose model has the smallest window, as "model (models.role)", and the window. */
  private static Map.Entry<String, Integer> smallestWindow(Map<String, ModelConfig> models) {
    ModelConfig base = models.getOrDefault("default", ModelConfig.EMPTY);
    Map.Entry<String, Integer> best = null;
    for (Map.Entry<String, ModelConfig> e : models.entrySet()) {
      ModelConfig m = e.getKey().equals("default") ? base : e.getValue().over(base);
      int w = m.contextTokensOrDefault();
      if (best == null || w < best.getValue()) {
        best = Map.entry((m.model() == null ? "the model" : m.model()) + " (models." + e.getKey() + ")", w);
      }
    }
    return best == null ? Map.entry("the model", ModelConfig.EMPTY.contextTokensOrDefault()) : best;
  }
}
