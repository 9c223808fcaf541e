package io.synthkit.benchmark;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.synthkit.config.RunConfig;
import io.synthkit.run.ModelSession;
import io.synthkit.run.Parallel;
import io.synthkit.sim.Responder;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.ItemFailedException;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Benchmarking with a generated dataset (DataGen §3.7): every candidate model answers every item at temperature 0
 * (top_p 1, as the paper's inference settings), an LLM judge reads each response and decides with a structured verdict
 * whether its final answer matches the gold answer, and each candidate scores correct / (correct + incorrect).
 * Verdicts that do not parse are counted as unparseable and left out of the accuracy, as in the public code; unlike
 * the code, the count is reported.
 *
 * <pre>{@code
 * RunConfig config = ...; // a run config, or a models-only file completed by ConfigLoader.completeModelsOnly
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
   * Returns where the JSON report goes when no file is named: {@code RUN/benchmark.json} for a run directory, else
   * {@code FILE.benchmark.json} beside the data file.
   *
   * @param dataset the benchmarked dataset
   * @return the report file
   */
  public static Path reportFile(Path dataset) {
    return Files.isDirectory(dataset) ? dataset.resolve("benchmark.json")
        : dataset.resolveSibling(dataset.getFileName() + ".benchmark.json");
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
  public static BenchmarkReport run(RunConfig config, BenchmarkSpec spec, @Nullable Responder responder) {
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
    String response;
    try {
      response = candidate.text(prompts.render("benchmark/answer", vars), key + "/answer");
    } catch (ItemFailedException e) {
      return new ItemResult(item.id(), null, null, UNPARSEABLE); // no answer to judge: scored like an unusable one
    }
    vars.put("gold", data.gold(item));
    vars.put("response", response);
    Reply<Verdict> verdict = Reply.catching(() -> judge.tryAsk(prompts.render("benchmark/judge", vars),
        Verdict.class, key + "/judge"));
    if (verdict instanceof Reply.Ok<Verdict> ok) {
      return new ItemResult(item.id(), response, ok.value().finalAnswer(), ok.value().isSame() ? CORRECT : INCORRECT);
    }
    return new ItemResult(item.id(), response, null, UNPARSEABLE);
  }
}
