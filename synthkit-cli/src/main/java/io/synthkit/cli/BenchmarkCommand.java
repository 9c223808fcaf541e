package io.synthkit.cli;

import io.synthkit.Benchmark;
import io.synthkit.Synthkit;
import io.synthkit.spi.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synthkit benchmark}: scores model roles on a generated dataset with an LLM judge (DataGen §3.7). */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = {"Benchmark models on a dataset: each candidate role answers every item at temperature 0, the judge"
        + " role decides whether each final answer matches the gold answer, and accuracy = correct / (correct +"
        + " incorrect), with unparseable verdicts counted apart.",
        "Prints a table and writes the full report (per-item verdicts, usage) as JSON."})
final class BenchmarkCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "RUN_OR_JSONL",
      description = "a run directory, its dataset.jsonl, or a JSONL file of items")
  Path dataset;

  @Option(names = "--config", required = true, paramLabel = "CFG",
      description = "a YAML file whose models: section defines the roles (a run config or a models-only file)")
  Path config;

  @Option(names = "--models", split = ",", paramLabel = "ROLE",
      description = "candidate roles, comma-separated (default: every role in models: but default and the judge)")
  List<String> models;

  @Option(names = "--judge", paramLabel = "ROLE", defaultValue = "judge",
      description = "the judge role (default ${DEFAULT-VALUE}; falls back to models.default)")
  String judge;

  @Option(names = "--question-field", paramLabel = "FIELD", description = "default: question, text, ...")
  String questionField;

  @Option(names = "--answer-field", paramLabel = "FIELD", description = "default: answer, label, ...")
  String answerField;

  @Option(names = "--options-field", paramLabel = "FIELD", description = "default: options or choices")
  String optionsField;

  @Option(names = "--limit", paramLabel = "N", description = "only the first N items")
  Integer limit;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "512",
      description = "candidates' reply token limit (default ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(names = "--json", paramLabel = "FILE",
      description = "where to write the JSON report (default: RUN/benchmark.json or FILE.benchmark.json)")
  Path json;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable)")
  List<String> sets = new ArrayList<>();

  @Override
  public Integer call() {
    Benchmark.Result report = Synthkit.benchmark(Benchmark.of(dataset, config)
        .withModels(models == null ? new String[0] : models.toArray(String[]::new)).withJudge(judge)
        .withOverrides(sets.toArray(String[]::new)).withFields(questionField, answerField, optionsField)
        .withLimit(limit).withMaxTokens(maxTokens).withOut(json)
        .withListener(new ProgressLine(System.err, false, false, java.time.Duration.ofSeconds(10))));
    System.out.print(report.table());
    for (Map.Entry<String, Usage> u : report.usage().entrySet()) {
      System.out.printf(Locale.ROOT, "  %-16s %6d calls %10d tokens  $%.4f%n", u.getKey(), u.getValue().calls(),
          u.getValue().tokens(), u.getValue().costUsd());
    }
    System.out.println("report: " + report.report());
    return 0;
  }
}
