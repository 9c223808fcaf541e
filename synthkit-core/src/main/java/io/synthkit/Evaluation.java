package io.synthkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.evaluation.EvaluationJson;
import io.synthkit.evaluation.EvaluationOptions;
import io.synthkit.evaluation.EvaluationPlan;
import io.synthkit.evaluation.EvaluationResult;
import io.synthkit.evaluation.EvaluationTable;
import io.synthkit.evaluation.FieldPath;
import io.synthkit.report.ReportOptions;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Synthkit#evaluate(Evaluation)} measures and how, as {@code synthkit evaluate} does: one or more datasets
 * (run directories or JSONL files) side by side, with distinct-n, Self-BLEU, INGF, near-duplicates, lengths,
 * embedding diversity, relevance to seeds, categories and coverage per iteration, judge rates and entity overlap
 * (definitions: {@code docs/evaluate-report-export.md}). Immutable; start with {@link #of(Path...)} and use the
 * {@code with...} methods. Values are checked when the evaluation runs ({@link SynthkitException}, exit 2).
 *
 * <pre>{@code
 * Evaluation.Result r = Synthkit.evaluate(Evaluation.of(runDir).withEmbedder("hashing"));
 * System.out.print(r.table());
 * double selfBleu4 = r.datasets().get(0).number("self_bleu.bleu4").orElseThrow();
 * }</pre>
 *
 * <p>A run's {@code report.html} is the evaluation of that run drawn as a page: {@link Synthkit#report(Path, Report)}
 * writes it with the options of a {@link Report}.
 *
 * @param datasets run directories or data files, in column order
 * @param reference reference data (the original set) for the distinct-n curve and entity overlap, or null
 * @param seeds the seed file, or null to find each run's own from its manifest
 * @param field the text to measure, e.g. {@code prompt}, {@code data.question}, {@code messages.1.content}; null
 *     detects it
 * @param labelField the label field; null for {@code label}
 * @param tokenizer tokens for distinct-n and lengths: {@code whitespace}, {@code lower}, {@code ptb} (default) or
 *     {@code rouge}; Self-BLEU always uses ptb
 * @param config a run config: its {@code embeddings:} provider, and its model roles for categorizing ({@code judge})
 *     and entity overlap ({@code extractor}, else {@code judge}); or null
 * @param embedder {@code local}, {@code openai}, {@code hashing} or {@code none}; null for the config's, else the local
 *     model, else hashing
 * @param categorize have the judge give each record without {@code meta.category} a short category (needs a config;
 *     one call per record)
 * @param entitySample texts per side sent to the entity extractor when there is a config and a reference; 0 skips
 * @param selfBleuSample texts scored by Self-BLEU (seeded sample)
 * @param embeddingSample texts embedded (seeded sample)
 * @param duplicateThreshold MinHash Jaccard threshold of a near duplicate
 * @param duplicateShingle word n-gram size of the MinHash shingles
 * @param seed the seed of every sample
 */
public record Evaluation(List<Path> datasets, @Nullable Path reference, @Nullable Path seeds,
    @Nullable String field, @Nullable String labelField, String tokenizer, @Nullable Path config,
    @Nullable String embedder, boolean categorize, int entitySample, int selfBleuSample,
    int embeddingSample, double duplicateThreshold, int duplicateShingle, long seed) {

  /** Copies the list. */
  public Evaluation {
    datasets = List.copyOf(datasets);
  }

  /**
   * Starts an evaluation with the defaults: ptb tokens, Self-BLEU on 1000 texts, 2000 embedded, entities of 200 texts
   * per side, MinHash 3-grams at 0.8, seed 42.
   *
   * @param datasets run directories or data files, in column order
   * @return the evaluation
   */
  public static Evaluation of(Path... datasets) {
    EvaluationOptions d = EvaluationOptions.DEFAULT;
    return new Evaluation(List.of(datasets), null, null, null, null, d.tokenizer(), null, null, false,
        d.entitySample(), d.selfBleuSample(), d.embeddingSample(), d.duplicateThreshold(), d.shingleSize(), d.seed());
  }

  /**
   * Returns a copy with another dataset beside the others.
   *
   * @param dataset a run directory or data file
   * @return the copy
   */
  public Evaluation compareWith(Path dataset) {
    List<Path> all = new ArrayList<>(datasets);
    all.add(dataset);
    return new Evaluation(all, reference, seeds, field, labelField, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with reference data.
   *
   * @param file the reference dataset, or null
   * @return the copy
   */
  public Evaluation withReference(Path file) {
    return new Evaluation(datasets, file, seeds, field, labelField, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with a seed file.
   *
   * @param file the seed file, or null to find each run's own
   * @return the copy
   */
  public Evaluation withSeeds(Path file) {
    return new Evaluation(datasets, reference, file, field, labelField, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy that measures another text field and reads labels from another field.
   *
   * @param text the text field path, or null to detect it
   * @param label the label field path, or null for {@code label}
   * @return the copy
   */
  public Evaluation withFields(String text, String label) {
    return new Evaluation(datasets, reference, seeds, text, label, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with another tokenizer.
   *
   * @param name {@code whitespace}, {@code lower}, {@code ptb} or {@code rouge}
   * @return the copy
   */
  public Evaluation withTokenizer(String name) {
    return new Evaluation(datasets, reference, seeds, field, labelField, name, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy that takes embeddings and model roles from a run config.
   *
   * @param file the YAML run config, or null
   * @return the copy
   */
  public Evaluation withConfig(Path file) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, file, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with an explicit embedder.
   *
   * @param name {@code local}, {@code openai}, {@code hashing}, {@code none} (no embedding metrics), or null
   * @return the copy
   */
  public Evaluation withEmbedder(String name) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, config, name, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy that has the config's judge categorize records without categories.
   *
   * @param on whether to categorize
   * @return the copy
   */
  public Evaluation withCategorize(boolean on) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, config, embedder, on,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with other sample sizes.
   *
   * @param selfBleu texts scored by Self-BLEU, at least 2
   * @param embedding texts embedded, at least 2
   * @param entities texts per side sent to the entity extractor; 0 skips entity overlap
   * @return the copy
   */
  public Evaluation withSamples(int selfBleu, int embedding, int entities) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, config, embedder, categorize,
        entities, selfBleu, embedding, duplicateThreshold, duplicateShingle, seed);
  }

  /**
   * Returns a copy with another near-duplicate setting.
   *
   * @param threshold the MinHash Jaccard threshold, in (0, 1]
   * @param shingle the word n-gram size of the shingles
   * @return the copy
   */
  public Evaluation withDuplicates(double threshold, int shingle) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, threshold, shingle, seed);
  }

  /**
   * Returns a copy with another sampling seed.
   *
   * @param newSeed the seed
   * @return the copy
   */
  public Evaluation withSeed(long newSeed) {
    return new Evaluation(datasets, reference, seeds, field, labelField, tokenizer, config, embedder, categorize,
        entitySample, selfBleuSample, embeddingSample, duplicateThreshold, duplicateShingle, newSeed);
  }

  /** The internal plan; checks the options first, as the command line does. */
  EvaluationPlan plan() {
    EvaluationOptions options;
    try {
      options = EvaluationOptions.DEFAULT.withTokenizer(tokenizer).withSamples(selfBleuSample, embeddingSample)
          .withDuplicates(duplicateThreshold, duplicateShingle).withEntitySample(Math.max(1, entitySample))
          .withSeed(seed);
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    return new EvaluationPlan(datasets, reference, seeds, field == null ? null : FieldPath.parse(field),
        labelField == null ? null : FieldPath.parse(labelField), options, embedder, categorize, entitySample > 0);
  }

  /**
   * What an evaluation found.
   *
   * @param table the plain-text table {@code synthkit evaluate} prints: one column per dataset, then coverage and
   *     distinct-n per iteration side by side, then each dataset's notes
   * @param json the JSON {@code synthkit evaluate --json} prints (snake_case names): one dataset's object, or
   *     {@code {"datasets": [...]}} for several
   * @param datasets one entry per dataset, in column order
   */
  public record Result(String table, JsonNode json, List<Measured> datasets) {

    /** Copies the list. */
    public Result {
      datasets = List.copyOf(datasets);
    }

    static Result of(List<EvaluationResult> results) {
      return new Result(EvaluationTable.compare(results), EvaluationPlan.json(results),
          results.stream().map(Measured::of).toList());
    }
  }

  /**
   * One dataset's metrics.
   *
   * @param name the dataset's name (a run's name, else the file name)
   * @param source the file or run directory
   * @param metrics the table's rows for this dataset: label to formatted value, in display order
   * @param notes how each figure was obtained: samples, embedder, extractor, skipped sections
   * @param json every value, as in {@code --json} (snake_case names; sections that do not apply are absent)
   */
  public record Measured(String name, String source, Map<String, String> metrics, List<String> notes, JsonNode json) {

    /** Copies the collections. */
    public Measured {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
      notes = List.copyOf(notes);
    }

    static Measured of(EvaluationResult r) {
      // The facade evaluates files and run directories (EvaluationPlan loads paths), which always have a source.
      return new Measured(r.dataset().name(), Objects.requireNonNull(r.dataset().source(), "source"),
          EvaluationTable.rows(r), r.notes(),
          EvaluationJson.tree(r));
    }

    /**
     * Reads a number from {@link #json()} by a dotted path; numeric segments index arrays.
     *
     * @param path e.g. {@code self_bleu.bleu4}, {@code near_duplicates.rate}, {@code embedding.aps} or
     *     {@code distinct.1.value} (distinct-2)
     * @return the value, or empty when the path is absent (a skipped section) or not a number
     */
    public OptionalDouble number(String path) {
      JsonNode node = json;
      for (String part : Objects.requireNonNull(path, "path").split("\\.")) {
        node = node.isArray() && !part.isEmpty() && part.chars().allMatch(Character::isDigit)
            ? node.path(Integer.parseInt(part)) : node.path(part);
      }
      return node.isNumber() ? OptionalDouble.of(node.doubleValue()) : OptionalDouble.empty();
    }
  }

  /**
   * How {@link Synthkit#report(Path, Report)} draws a run's {@code report.html} (and writes {@code report.json}, the
   * evaluation behind it): run summary, cost per role and stage, rejections, metrics, charts, an embedding map and a
   * browsable record sample, in one self-contained file.
   *
   * @param seeds the seed file; null for the config's, else the one found from the run's manifest
   * @param reference reference data drawn beside the run, or null
   * @param config the run's config: its embeddings provider and seed file; or null
   * @param embedder {@code local}, {@code openai} or {@code hashing}; null for the config's, else the local model,
   *     else hashing
   * @param records records in the browsable sample
   * @param embeddingSample texts embedded for the map and the metrics
   * @param selfBleuSample texts scored by Self-BLEU
   */
  public record Report(@Nullable Path seeds, @Nullable Path reference, @Nullable Path config,
      @Nullable String embedder, int records, int embeddingSample,
      int selfBleuSample) {

    /** The defaults: seeds found from the run, automatic embedder, 200 records, 1000-text samples. */
    public static final Report DEFAULT = new Report(null, null, null, null, ReportOptions.DEFAULT.records(),
        ReportOptions.DEFAULT.evaluation().embeddingSample(), ReportOptions.DEFAULT.evaluation().selfBleuSample());

    /**
     * Returns a copy with a seed file.
     *
     * @param file the seed file, or null
     * @return the copy
     */
    public Report withSeeds(Path file) {
      return new Report(file, reference, config, embedder, records, embeddingSample, selfBleuSample);
    }

    /**
     * Returns a copy with reference data.
     *
     * @param file the reference dataset, or null
     * @return the copy
     */
    public Report withReference(Path file) {
      return new Report(seeds, file, config, embedder, records, embeddingSample, selfBleuSample);
    }

    /**
     * Returns a copy that takes the embeddings provider and seed file from the run's config.
     *
     * @param file the YAML run config, or null
     * @return the copy
     */
    public Report withConfig(Path file) {
      return new Report(seeds, reference, file, embedder, records, embeddingSample, selfBleuSample);
    }

    /**
     * Returns a copy with an explicit embedder.
     *
     * @param name {@code local}, {@code openai} or {@code hashing}, or null
     * @return the copy
     */
    public Report withEmbedder(String name) {
      return new Report(seeds, reference, config, name, records, embeddingSample, selfBleuSample);
    }

    /**
     * Returns a copy with other sizes.
     *
     * @param sampleRecords records in the browsable sample
     * @param embedding texts embedded, at least 2
     * @param selfBleu texts scored by Self-BLEU, at least 2
     * @return the copy
     */
    public Report withSizes(int sampleRecords, int embedding, int selfBleu) {
      return new Report(seeds, reference, config, embedder, sampleRecords, embedding, selfBleu);
    }

    /** The internal options, before the config is applied. */
    ReportOptions options() {
      try {
        return new ReportOptions(seeds, reference, null, embedder,
            EvaluationOptions.DEFAULT.withSamples(selfBleuSample, embeddingSample), records);
      } catch (IllegalArgumentException e) {
        throw SynthkitException.input(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }
  }
}
