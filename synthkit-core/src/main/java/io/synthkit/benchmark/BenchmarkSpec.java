package io.synthkit.benchmark;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Benchmark} measures: which dataset, which model roles answer it, which role judges.
 *
 * @param dataset a run directory (its {@code dataset.jsonl}), a {@code dataset.jsonl}-shaped file, or a JSONL/JSON/txt
 *     file of plain items
 * @param models the candidate roles (each a {@code models:} entry of the config)
 * @param judge the judge role ({@code models.judge}, falling back to {@code models.default})
 * @param questionField the question field; {@code null} detects {@code question}, {@code text}, ...
 * @param answerField the gold answer field; {@code null} detects {@code answer}, {@code label}, ...
 * @param optionsField the multiple-choice options field; {@code null} detects {@code options} or {@code choices}
 * @param limit benchmark only the first n items; {@code null} for all
 * @param maxTokens the candidates' reply token limit (DataGen's code used 512 new tokens)
 */
public record BenchmarkSpec(Path dataset, List<String> models, String judge, @Nullable String questionField,
    @Nullable String answerField, @Nullable String optionsField, @Nullable Integer limit, int maxTokens) {

  /** Checks the values. */
  public BenchmarkSpec {
    Objects.requireNonNull(dataset, "dataset");
    models = List.copyOf(models);
    Objects.requireNonNull(judge, "judge");
    if (models.isEmpty()) {
      throw new IllegalArgumentException("at least one candidate model role is needed");
    }
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
  }

  /**
   * A spec with detected fields, every item and 512 reply tokens.
   *
   * @param dataset the dataset
   * @param models the candidate roles
   * @param judge the judge role
   * @return the spec
   */
  public static BenchmarkSpec of(Path dataset, List<String> models, String judge) {
    return new BenchmarkSpec(dataset, models, judge, null, null, null, null, 512);
  }
}
