package io.synthkit.spark;

import io.synthkit.RunOptions;
import io.synthkit.RunSpec;
import io.synthkit.Synthkit;
import io.synthkit.config.RunConfig;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.RunResult;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * ReverseGen on Spark. Its iterations depend on each other (the proposer is trained on the previous iteration's
 * failures), so the run is not split into shards: the method runs on the driver, as on one machine, with one run
 * directory, one state database and training between iterations there, while the model calls of each step (the
 * proposer's samples, the target's answers, the oracle's verdicts) are answered on the executors ({@link SparkFanOut}).
 * The driver still caches, meters and budgets every call, so the run directory is an ordinary one and a rerun resumes
 * it as any run.
 */
final class FanOutRun {

  private FanOutRun() {}

  static RunResult generate(JavaSparkContext jsc, RunConfig cfg, Path config, List<String> overrides, boolean fresh,
      RunListener listener) {
    String outputDir = cfg.tree().path("output_dir").asText("");
    if (SharedFs.isUri(outputDir) && !outputDir.regionMatches(true, 0, "file:", 0, 5)) {
      throw SynthkitException.input(cfg.method() + " on Spark keeps its run directory on the driver and its answers"
          + " where every executor reads them: output_dir must be a local or mounted path, not " + outputDir);
    }
    RunSpec spec = Synthkit.load(config, overrides.toArray(String[]::new));
    Path runDir = cfg.runDir();
    SparkFanOut fanOut = new SparkFanOut(jsc, cfg.name(), config, overrides, runDir.resolve("fanout"));
    listener.notice("scale: " + cfg.method() + " runs its loop on the driver; the model calls of every step are"
        + " answered on the executors of " + jsc.master() + " (answers kept in " + runDir.resolve("fanout") + ")");
    RunOptions options = RunOptions.DEFAULT.withListener(listener).withFanOut(fanOut);
    RunResult r = Synthkit.run(spec, fresh ? options.asFresh() : options);
    listener.notice("scale: " + fanOut.calls() + " calls in " + fanOut.jobs() + " Spark jobs");
    return r;
  }
}
