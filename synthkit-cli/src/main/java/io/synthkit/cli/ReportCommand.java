package io.synthkit.cli;

import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit report RUN_DIR}: (re)writes a run's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write RUN_DIR/report.html: run summary, cost per role and stage, rejections with examples,"
        + " metrics, length histogram, distinct-n against the seeds, category coverage, per-iteration charts, a PCA"
        + " map of embeddings and a browsable record sample. One self-contained file: open it offline. Every run"
        + " writes one when it ends (turn off with report: {enabled: false})."})
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
  Path runDir;

  @Option(names = "--seeds", paramLabel = "FILE", description = "the seed file (default: from the config, else"
      + " found from the manifest)")
  Path seeds;

  @Option(names = "--reference", paramLabel = "FILE", description = "reference data drawn beside the run")
  Path reference;

  @Option(names = "--config", paramLabel = "CFG", description = "the run's config: its embeddings provider and seed"
      + " file")
  Path config;

  @Option(names = "--embedder", paramLabel = "NAME", description = "local, openai or hashing (default: the config's,"
      + " else the local model, else hashing)")
  String embedder;

  @Option(names = "--records", defaultValue = "200", description = "records in the browsable sample (default"
      + " ${DEFAULT-VALUE})")
  int records;

  @Option(names = "--embedding-sample", defaultValue = "1000", description = "texts embedded for the map and metrics"
      + " (default ${DEFAULT-VALUE})")
  int embeddingSample;

  @Option(names = "--self-bleu-sample", defaultValue = "1000", description = "texts scored by Self-BLEU (default"
      + " ${DEFAULT-VALUE})")
  int selfBleuSample;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Path html = Synthkit.report(runDir, Evaluation.Report.DEFAULT.withSeeds(seeds).withReference(reference)
        .withConfig(config).withEmbedder(embedder).withSizes(records, embeddingSample, selfBleuSample));
    System.out.printf(Locale.ROOT, "report: %s (%.1f s)%n", html, (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
