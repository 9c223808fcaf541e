package io.synthkit.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.method.Methods;
import io.synthkit.run.ModelSession;
import io.synthkit.run.Parallel;
import io.synthkit.sim.Responder;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Benchmarking with a generated dataset (DataGen §3.7): every candidate model answers every item at temperature 0
 * (top_p 1, as the paper's inference settings), an LLM judge reads each response and decides with a structured verdict
 * whether its final answer matches the gold answer, and each candidate scores correct / (correct + incorrect).
 * Verdicts that do not parse are counted as unparseable and left out of the accuracy, as in the public code; unlike
 * the code, the count is reported.
 *
 * <pre>{@code
 * RunConfig config = Benchmark.loadConfig(Path.of("models.yaml"));
 * BenchmarkReport report = Benchmark.run(config, BenchmarkSpec.of(Path.of("runs/gsm8k"), List.of("small", "large"),
 *     "judge"));
 * System.out.print(report.table());
 * }</pre>
 *
 * <p>Models come from the config's {@code models:} roles (with its budget and prompt overrides). Nothing is cached:
 * a benchmark is one pass. Stateless and thread-safe.
 */
public final class Benchmark {

  /** Verdict of a matching answer. */
  public static final String CORRECT = "correct";
  /** Verdict of a non-matching answer. */
  public static final String INCORRECT = "incorrect";
  /** Verdict that did not parse. */
  public static final String UNPARSEABLE = "unparseable";

  /**
   * What the judge returns.
   *
   * @param finalAnswer the final answer it found in the response
   * @param isSame whether it matches the gold answer
   */
  record Verdict(
      @JsonProperty("final_answer") @JsonPropertyDescription("the model's final answer, as it stated it")
          String finalAnswer,
      @JsonProperty("is_same") @JsonPropertyDescription("true if that answer matches the gold answer") boolean isSame) {}

  private Benchmark() {}

  /**
   * Loads a config for benchmarking: a run config, or a file with only {@code models:} (and optionally
   * {@code budget:} and {@code prompts_dir:}), which needs no method or target.
   *
   * @param file the YAML file
   * @param overrides {@code key=value} overrides, as {@code --set}
   * @return the config
   * @throws SynthkitException for any problem in the file
   */
  public static RunConfig loadConfig(Path file, String... overrides) {
    List<String> all = new ArrayList<>(List.of(overrides));
    JsonNode tree;
    try {
      tree = new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw SynthkitException.input("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    // A models-only file is completed so that the run-config validation (models, budget, secrets) applies as is.
    if (tree == null || !tree.has("method")) {
      all.add("method=datagen"); // any method would do: only models and budget are used
    }
    if (tree == null || !tree.has("target")) {
      all.add("target=1");
    }
    return ConfigLoader.load(file, all, System.getenv(), Methods.names());
  }

  /**
   * Returns the candidates to use when none are named: every role the config defines except {@code default} and the
   * judge, or {@code default} alone when there is no other.
   *
   * @param config the config
   * @param judge the judge role
   * @return the roles, sorted
   */
  public static List<String> defaultCandidates(RunConfig config, String judge) {
    List<String> roles = new TreeSet<>(config.models().keySet()).stream()
        .filter(r -> !r.equals("default") && !r.equals(judge)).toList();
    return roles.isEmpty() ? List.of("default") : roles;
  }

  /**
   * Runs a benchmark against real endpoints.
   *
   * @param config the models
   * @param spec what to measure
   * @return the report
   */
  public static BenchmarkReport run(RunConfig config, BenchmarkSpec spec) {
    return run(config, spec, null);
  }

  /**
   * Runs a benchmark; simulated roles answer through {@code responder} (tests).
   *
   * @param config the models
   * @param spec what to measure
   * @param responder scripts the simulator, or {@code null}
   * @return the report
   */
  public static BenchmarkReport run(RunConfig config, BenchmarkSpec spec, Responder responder) {
    for (String role : spec.models()) {
      if (!config.models().containsKey(role)) {
        throw SynthkitException.input("model role '" + role + "' is not in the config's models: (roles: "
            + String.join(", ", new TreeSet<>(config.models().keySet())) + ")");
      }
    }
    BenchmarkData data = BenchmarkData.load(spec);
    PromptLibrary prompts = PromptLibrary.withOverrides(config.promptsDir());
    try (ModelSession gateway = ModelSession.open(config, responder)) {
      Llm judge = gateway.llm(spec.judge()).stage("benchmark_judge").with(new Sampling(0.0, 1.0, null, null, null));
      List<ModelScore> scores = new ArrayList<>();
      for (String role : spec.models()) {
        Llm candidate = gateway.llm(role).stage("benchmark_answer")
            .with(new Sampling(0.0, 1.0, spec.maxTokens(), null, null));
        List<ItemResult> results = Parallel.map(data.items(), item -> score(prompts, data, candidate, judge, item));
        scores.add(ModelScore.of(role, candidate.model(), results));
      }
      return new BenchmarkReport(spec.dataset().toString(), spec.judge() + " (" + judge.model() + ")",
          data.items().size(), gateway.simulated(), scores, gateway.usageByRole());
    }
  }

  private static ItemResult score(PromptLibrary prompts, BenchmarkData data, Llm candidate, Llm judge, DataRecord item) {
    String key = "bench/" + candidate.role() + "/" + item.id();
    Map<String, Object> vars = new HashMap<>();
    vars.put("question", data.question(item));
    vars.put("options", data.options(item));
    String response = candidate.text(prompts.render("benchmark/answer", vars), key + "/answer");
    vars.put("gold", data.gold(item));
    vars.put("response", response);
    Reply<Verdict> verdict = judge.tryAsk(prompts.render("benchmark/judge", vars), Verdict.class,
        key + "/judge");
    if (verdict instanceof Reply.Ok<Verdict> ok) {
      return new ItemResult(item.id(), response, ok.value().finalAnswer(), ok.value().isSame() ? CORRECT : INCORRECT);
    }
    return new ItemResult(item.id(), response, null, UNPARSEABLE);
  }
}
