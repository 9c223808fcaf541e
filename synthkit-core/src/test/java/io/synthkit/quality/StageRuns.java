package io.synthkit.quality;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.RunOptions;
import io.synthkit.Runs;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs quality stages over fixed items on the simulator, with the scripted sandbox and fixture retriever available. */
final class StageRuns {

  private StageRuns() {}

  /** A config offering {@code items} to the {@code quality} list, with hashing embeddings and no response repairs. */
  static ConfigBuilder config(Path dir, List<?> items, List<?> quality) {
    return ConfigBuilder.create("t", FixedItems.NAME, Set.of(FixedItems.NAME)).target(items.size()).simulated()
        .outputDir(dir.resolve("runs")).set(FixedItems.NAME + ".items", items).set("quality", quality)
        .set("models.default.max_repairs", 0).set("embeddings.provider", "hashing")
        .set("sandbox.provider", "scripted").set("retrieval.provider", "fixture").baseDir(dir).environment(Map.of());
  }

  /**
   * Runs a config. The test providers are registered through a class loader of their own rather than the test
   * classpath's META-INF/services, which the core test-jar would carry into every other module's tests and their
   * "available providers" messages. Run threads inherit the context class loader, and ServiceLoader reads it.
   */
  static RunResult run(ConfigBuilder config, Responder responder) {
    RunResult r = runAnyStatus(config, responder);
    // The stage under test drops items, so a run may end short of its target: that is the stage working.
    if (r.status() != RunStatus.COMPLETED && r.status() != RunStatus.INCOMPLETE) {
      throw new AssertionError("run " + r.status() + ": " + r.message() + "\n"
          + String.join("\n", TestRuns.lines(r.runDir(), "error.log")));
    }
    return r;
  }

  /** Runs a config and returns however it ended. */
  static RunResult runAnyStatus(ConfigBuilder config, Responder responder) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    URL root = StageRuns.class.getResource("/io/synthkit/quality/providers/");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, previous)) {
      t.setContextClassLoader(loader);
      return Runs.run(new FixedItems(), config.build(), RunOptions.DEFAULT.withResponder(responder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  static List<JsonNode> dataset(RunResult r) {
    return TestRuns.lines(r.runDir(), "dataset.jsonl").stream().map(Json::parse).toList();
  }

  static List<JsonNode> rejected(RunResult r) {
    return TestRuns.lines(r.runDir(), "rejected.jsonl").stream().map(Json::parse).toList();
  }
}
