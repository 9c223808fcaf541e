package io.synthkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.benchmark.BenchmarkReport;
import io.synthkit.benchmark.BenchmarkSpec;
import io.synthkit.benchmark.ModelScore;
import io.synthkit.json.Json;
import io.synthkit.spi.RunListener;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Synthkit#benchmark(Benchmark)} measures, as {@code synthkit benchmark} does (DataGen §3.7): each
 * candidate model role answers every item of a dataset at temperature 0, the judge role decides whether each final
 * answer matches the gold answer, and accuracy = correct / (correct + incorrect), with unparseable verdicts counted
 * apart. The full report (per-item verdicts, usage) is written as JSON. Immutable; start with
 * {@link #of(Path, Path)} and use the {@code with...} methods.
 *
 * <pre>{@code
 * Benchmark.Result r = Synthkit.benchmark(Benchmark.of(Path.of("runs/gsm8k"), Path.of("models.yaml"))
 *     .withModels("small", "large"));
 * }</pre>
 *
 * @param dataset a run directory, its {@code dataset.jsonl}, or a JSONL file of items
 * @param config a YAML file whose {@code models:} section defines the roles: a run config, or a models-only file
 *     (with optional {@code budget:} and {@code prompts_dir:})
 * @param overrides {@code dotted.key=value} overrides of the config, as {@code --set}
 * @param models the candidate roles; empty for every role of {@code models:} except {@code default} and the judge
 * @param judge the judge role (falls back to {@code models.default})
 * @param questionField the question field; null detects {@code question}, {@code text}, ...
 * @param answerField the gold answer field; null detects {@code answer}, {@code label}, ...
 * @param optionsField the multiple-choice options field; null detects {@code options} or {@code choices}
 * @param limit benchmark only the first n items; null for all
 * @param maxTokens the candidates' reply token limit
 * @param out where to write the JSON report; null for {@code RUN/benchmark.json} or {@code FILE.benchmark.json}
 * @param listener hears the config's notices and what is benchmarked; null logs them through SLF4J
 */
public record Benchmark(Path dataset, Path config, List<String> overrides, List<String> models, String judge,
    @Nullable String questionField, @Nullable String answerField, @Nullable String optionsField,
    @Nullable Integer limit, int maxTokens, @Nullable Path out, @Nullable RunListener listener) {

  /** The default judge role. */
  public static final String JUDGE = "judge";

  /** Copies the lists and checks the parts. */
  public Benchmark {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(judge, "judge");
    overrides = List.copyOf(overrides);
    models = List.copyOf(models);
  }

  /**
   * Starts a benchmark with the defaults: every non-default role but the judge answers, role {@code judge} judges,
   * fields are detected, every item, 512 reply tokens.
   *
   * @param dataset the dataset
   * @param config the YAML file with the {@code models:} section
   * @return the benchmark
   */
  public static Benchmark of(Path dataset, Path config) {
    return new Benchmark(dataset, config, List.of(), List.of(), JUDGE, null, null, null, null, 512, null, null);
  }

  /**
   * Returns a copy with named candidates.
   *
   * @param roles candidate roles (entries of {@code models:}); none for the default choice
   * @return the copy
   */
  public Benchmark withModels(String... roles) {
    return new Benchmark(dataset, config, overrides, Arrays.asList(roles), judge, questionField, answerField,
        optionsField, limit, maxTokens, out, listener);
  }

  /**
   * Returns a copy with another judge role.
   *
   * @param role the judge role
   * @return the copy
   */
  public Benchmark withJudge(String role) {
    return new Benchmark(dataset, config, overrides, models, role, questionField, answerField, optionsField, limit,
        maxTokens, out, listener);
  }

  /**
   * Returns a copy with config overrides.
   *
   * @param keyValues {@code dotted.key=value} strings
   * @return the copy
   */
  public Benchmark withOverrides(String... keyValues) {
    return new Benchmark(dataset, config, Arrays.asList(keyValues), models, judge, questionField, answerField,
        optionsField, limit, maxTokens, out, listener);
  }

  /**
   * Returns a copy with explicit item fields.
   *
   * @param question the question field, or null to detect it
   * @param answer the gold answer field, or null to detect it
   * @param options the options field, or null to detect it
   * @return the copy
   */
  public Benchmark withFields(String question, String answer, String options) {
    return new Benchmark(dataset, config, overrides, models, judge, question, answer, options, limit, maxTokens, out,
        listener);
  }

  /**
   * Returns a copy that benchmarks only the first items.
   *
   * @param items how many, or null for all
   * @return the copy
   */
  public Benchmark withLimit(Integer items) {
    return new Benchmark(dataset, config, overrides, models, judge, questionField, answerField, optionsField, items,
        maxTokens, out, listener);
  }

  /**
   * Returns a copy with another reply token limit.
   *
   * @param tokens the candidates' limit
   * @return the copy
   */
  public Benchmark withMaxTokens(int tokens) {
    return new Benchmark(dataset, config, overrides, models, judge, questionField, answerField, optionsField, limit,
        tokens, out, listener);
  }

  /**
   * Returns a copy that writes the JSON report elsewhere.
   *
   * @param file the report file, or null for the default place
   * @return the copy
   */
  public Benchmark withOut(Path file) {
    return new Benchmark(dataset, config, overrides, models, judge, questionField, answerField, optionsField, limit,
        maxTokens, file, listener);
  }

  /**
   * Returns a copy whose notices go to a listener.
   *
   * @param l the listener, or null for SLF4J
   * @return the copy
   */
  public Benchmark withListener(RunListener l) {
    return new Benchmark(dataset, config, overrides, models, judge, questionField, answerField, optionsField, limit,
        maxTokens, out, l);
  }

  /** The internal spec for the chosen candidates. */
  BenchmarkSpec spec(List<String> candidates) {
    try {
      return new BenchmarkSpec(dataset, candidates, judge, questionField, answerField, optionsField, limit,
          maxTokens);
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input(Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  /**
   * One candidate's score.
   *
   * @param role the candidate's role
   * @param model its model id
   * @param correct items the judge found matching the gold answer
   * @param incorrect items it found not matching
   * @param unparseable items whose verdict did not parse
   * @param accuracy correct / (correct + incorrect), or null when nothing was judged
   */
  public record Score(String role, String model, int correct, int incorrect, int unparseable,
      @Nullable Double accuracy) {

    static Score of(ModelScore s) {
      return new Score(s.role(), s.model(), s.correct(), s.incorrect(), s.unparseable(), s.accuracy());
    }
  }

  /**
   * What a benchmark found.
   *
   * @param dataset what was benchmarked
   * @param judge the judge role and model, e.g. {@code judge (gpt-4o)}
   * @param items how many items each candidate answered
   * @param simulated true when any role ran on the simulator (the scores then mean nothing)
   * @param scores one per candidate, in the order asked for
   * @param usage calls, tokens and cost per role
   * @param table the scores as the fixed-width table {@code synthkit benchmark} prints
   * @param json the full report as written, with each candidate's per-item responses and verdicts
   * @param report the JSON file written
   */
  public record Result(String dataset, String judge, int items, boolean simulated, List<Score> scores,
      Map<String, Usage> usage, String table, JsonNode json, Path report) {

    /** Copies the collections. */
    public Result {
      scores = List.copyOf(scores);
      usage = Collections.unmodifiableMap(new LinkedHashMap<>(usage)); // keeps the role order
    }

    static Result of(BenchmarkReport r, Path file) {
      return new Result(r.dataset(), r.judge(), r.items(), r.simulated(), r.scores().stream().map(Score::of).toList(),
          r.usage(), r.table(), Json.tree(r), file);
    }
  }
}
