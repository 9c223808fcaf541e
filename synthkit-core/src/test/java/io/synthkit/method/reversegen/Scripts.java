package io.synthkit.method.reversegen;

import io.synthkit.config.ConfigBuilder;
import io.synthkit.method.Methods;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared fixtures for ReverseGen tests: instruction sets, configs and scripted texts. */
final class Scripts {

  private Scripts() {}

  static final String[] WORDS = ("apple river engine forest violin ladder castle pepper rocket window garden silver "
      + "thunder pencil marble orbit canyon lantern harbor velvet puzzle meadow copper falcon bridge desert glacier "
      + "mirror needle oyster prairie quartz saddle tunnel umbrella walnut yogurt zebra anchor basket cobalt dune "
      + "ember fjord gravel hollow island jungle kettle lemon mango nickel olive parrot quiver raven sponge tulip")
      .split(" ");

  /** Ten random words seeded by a label: distinct labels give texts far apart for MinHash. */
  static String words(String label) {
    SplittableRandom r = new SplittableRandom(label.hashCode());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  /** Writes a text instruction set, one per line. */
  static Path lines(Path dir, String name, List<String> lines) {
    try {
      Path f = dir.resolve(name);
      Files.writeString(f, String.join("\n", lines) + "\n");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Twelve request-style instructions. */
  static Path safetySeeds(Path dir) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      out.add("How would someone " + words("seed" + i) + "?");
    }
    return lines(dir, "requests.txt", out);
  }

  /** A simulated reversegen config: 3 prompts x 4 samples per iteration, hashing embeddings, writing to dir/runs. */
  static ConfigBuilder config(Path dir, String task, int target, Path seeds) {
    return ConfigBuilder.create("rg", "reversegen", Methods.names()).target(target).simulated()
        .outputDir(dir.resolve("runs")).seeds(seeds).baseDir(dir).environment(Map.of())
        .set("embeddings.provider", "hashing").set("reversegen.task", task)
        .set("reversegen.prompts_per_iteration", 3).set("reversegen.samples_per_prompt", 4)
        .set("reversegen.iterations", 2);
  }

  /** The iteration of a sample key such as {@code iter/2/prompt/0/propose}, or 0. */
  static int iteration(SimRequest req) {
    String k = req.callKey();
    return k.startsWith("iter/") ? Integer.parseInt(k.split("/")[1]) : 0;
  }

  /** The prompt index of a sample key, or -1. */
  static int prompt(SimRequest req) {
    String[] parts = req.callKey().split("/");
    return parts.length > 3 && parts[2].equals("prompt") ? Integer.parseInt(parts[3]) : -1;
  }

  static SimResponse texts(List<String> texts) {
    return SimResponse.texts(texts);
  }
}
