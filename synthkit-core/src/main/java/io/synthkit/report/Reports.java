package io.synthkit.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.evaluation.Dataset;
import io.synthkit.evaluation.EmbedderChoice;
import io.synthkit.evaluation.Evaluation;
import io.synthkit.evaluation.EvaluationJson;
import io.synthkit.evaluation.Seeds;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a run's {@code report.html} (one self-contained page: summary, cost, rejections, metrics, charts, embedding
 * map, record sample) and {@code report.json} (the evaluation behind it, plus the seed file used) into the run
 * directory. The Java API behind {@code synthkit report}; runs write it themselves when they end ({@link RunReport}).
 *
 * <pre>{@code
 * Path html = Reports.write(Path.of("runs/quickstart"));
 * }</pre>
 *
 * <p>Thread-safe; two reports of one run written at once would race on the same files.
 */
public final class Reports {

  /** The page's file name in the run directory. */
  public static final String HTML = "report.html";
  /** The evaluation's file name in the run directory. */
  public static final String JSON = "report.json";

  private Reports() {}

  /**
   * Writes the report with the defaults: seeds found from the run, embeddings from the local model when present.
   *
   * @param runDir the run directory
   * @return the report.html path
   */
  public static Path write(Path runDir) {
    return write(runDir, ReportOptions.DEFAULT);
  }

  /**
   * Writes the report.
   *
   * @param runDir the run directory
   * @param options seeds, reference, embedder and sample sizes
   * @return the report.html path
   * @throws SynthkitException (exit 2) when the directory is not a run
   */
  public static Path write(Path runDir, ReportOptions options) {
    ReportPage.Rendered page = render(runDir, options);
    Path html = runDir.resolve(HTML);
    writeAtomically(html, page.html());
    return html;
  }

  /**
   * Builds the page without writing report.html (report.json is written).
   *
   * @param runDir the run directory
   * @param options seeds, reference, embedder and sample sizes
   * @return the page and the charts it contains
   */
  static ReportPage.Rendered render(Path runDir, ReportOptions options) {
    if (!Files.isDirectory(runDir)) {
      throw SynthkitException.input("not a directory: " + runDir);
    }
    Dataset dataset = Dataset.load(runDir);
    Path seedsFile = options.seeds() != null ? options.seeds() : Seeds.locate(runDir).orElse(null);
    Dataset seeds = seedsFile == null ? null : Seeds.load(seedsFile);
    Dataset reference = options.reference() == null ? null : Dataset.load(options.reference());
    try (EmbedderChoice embedder = EmbedderChoice.choose(options.embedder(), options.embeddings())) {
      Evaluation.Computed computed = Evaluation.of(dataset).seeds(seeds).reference(reference).embedder(embedder)
          .options(options.evaluation()).compute();
      ReportModel model = new ReportModel(dataset, dataset.manifest().orElse(null), computed, seedsFile,
          ReportModel.rejections(dataset.rejections()), ReportModel.events(dataset.events()),
          ReportModel.sample(dataset.records(), options.records(), options.evaluation().seed()),
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      ReportPage.Rendered page = ReportPage.render(model);
      ObjectNode json = EvaluationJson.tree(computed.result());
      if (seedsFile != null) {
        json.put("seeds_file", seedsFile.toAbsolutePath().toString());
      }
      json.put("generated_at", model.generatedAt());
      json.set("charts", io.synthkit.json.Json.tree(page.charts()));
      writeAtomically(runDir.resolve(JSON), EvaluationJson.write(json));
      return page;
    }
  }

  private static void writeAtomically(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Secrets.redact(text), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw SynthkitException.input("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
