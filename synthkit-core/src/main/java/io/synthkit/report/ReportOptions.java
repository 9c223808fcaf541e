package io.synthkit.report;

import io.synthkit.config.RunConfig;
import io.synthkit.evaluation.EvaluationOptions;
import io.synthkit.spi.EmbeddingsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Reports#write(Path, ReportOptions)} builds a report.
 *
 * @param seeds the seed file; null to find it from the run ({@code Seeds.locate})
 * @param reference a reference dataset drawn beside the run; null for none
 * @param embeddings the embeddings section to embed with; null to use the local model when present, else hashing
 * @param embedder an explicit embeddings provider ({@code local}, {@code openai}, {@code hashing}); null for none
 * @param evaluation sample sizes and tokenizer of the metrics
 * @param records how many records the browsable sample shows
 */
public record ReportOptions(@Nullable Path seeds, @Nullable Path reference, @Nullable EmbeddingsConfig embeddings,
    @Nullable String embedder,
    EvaluationOptions evaluation, int records) {

  /** The defaults: seeds found from the run, no reference, automatic embedder, 1000-text samples, 200 records. */
  public static final ReportOptions DEFAULT = new ReportOptions(null, null, null, null,
      EvaluationOptions.DEFAULT.withSamples(1000, 1000), 200);

  /** Checks ranges. */
  public ReportOptions {
    if (evaluation == null) {
      throw new IllegalArgumentException("evaluation options must not be null");
    }
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative: " + records);
    }
  }

  /**
   * @param file the seed file
   * @return a copy with it
   */
  public ReportOptions withSeeds(Path file) {
    return new ReportOptions(file, reference, embeddings, embedder, evaluation, records);
  }

  /**
   * @param file the reference dataset
   * @return a copy with it
   */
  public ReportOptions withReference(Path file) {
    return new ReportOptions(seeds, file, embeddings, embedder, evaluation, records);
  }

  /**
   * @param section the embeddings config
   * @param provider an explicit provider, or null
   * @return a copy with them
   */
  public ReportOptions withEmbeddings(@Nullable EmbeddingsConfig section, @Nullable String provider) {
    return new ReportOptions(seeds, reference, section, provider, evaluation, records);
  }

  /**
   * Takes what a run config says about its report: its {@code embeddings:} section (an explicit provider still wins)
   * and, when no seed file is set here, the config's {@code data.seeds} if that file exists.
   *
   * @param config the run's config
   * @return a copy with them
   */
  public ReportOptions withConfig(RunConfig config) {
    ReportOptions out = withEmbeddings(config.embeddings(), embedder);
    String file = config.data().seeds();
    if (seeds == null && file != null && Files.isRegularFile(config.resolve(file))) {
      out = out.withSeeds(config.resolve(file));
    }
    return out;
  }

  /**
   * @param settings the config's {@code report:} section
   * @return a copy with its sample sizes
   */
  public ReportOptions with(ReportSettings settings) {
    return new ReportOptions(seeds, reference, embeddings, embedder,
        evaluation.withSamples(settings.selfBleuSample(), settings.embeddingSample()), settings.records());
  }
}
