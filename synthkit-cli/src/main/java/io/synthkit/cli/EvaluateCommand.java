package io.synthkit.cli;

import io.synthkit.ClusterEvaluator;
import io.synthkit.Evaluation;
import io.synthkit.Synthkit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit evaluate DATASET...}: diversity, quality and judge metrics, one column per dataset. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure a dataset (a run directory or any JSONL of {id,data,meta} records or plain objects):"
        + " distinct-n, Self-BLEU, INGF, near-duplicates, lengths, remote-clique, APS, novelty, relevance to seeds,"
        + " categories and coverage per iteration, judge rates and entity overlap. Several datasets (or --compare)"
        + " are printed side by side. Definitions: docs/evaluate-report-export.md."})
final class EvaluateCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "DATASET", description = "run directories or JSONL files")
  List<Path> datasets = new ArrayList<>();

  @Option(names = "--compare", paramLabel = "DATASET", description = "another dataset to put beside the first"
      + " (repeatable)")
  List<Path> compare = new ArrayList<>();

  @Option(names = "--reference", paramLabel = "FILE", description = "reference data (original set) for the"
      + " distinct-n curve and entity overlap")
  Path reference;

  @Option(names = "--seeds", paramLabel = "FILE", description = "the seed file (default: found from each run's"
      + " manifest)")
  Path seeds;

  @Option(names = "--field", paramLabel = "PATH", description = "the text to measure, e.g. prompt, data.question,"
      + " messages.1.content (default: detected)")
  String field;

  @Option(names = "--label-field", paramLabel = "PATH", description = "the label field (default: label)")
  String labelField;

  @Option(names = "--tokenizer", defaultValue = "ptb", description = "tokens for distinct-n and lengths: whitespace,"
      + " lower, ptb, rouge (default ${DEFAULT-VALUE}; Self-BLEU always uses ptb)")
  String tokenizer;

  @Option(names = "--config", paramLabel = "CFG", description = "a run config: its embeddings provider, and its"
      + " model roles for --categorize (judge) and entity overlap (extractor, else judge)")
  Path config;

  @Option(names = "--embedder", paramLabel = "NAME", description = "local, openai, hashing or none (default: the"
      + " config's, else the local model, else hashing)")
  String embedder;

  @Option(names = "--categorize", description = "have the judge model give each record without meta.category a"
      + " short category (needs --config; one call per record)")
  boolean categorize;

  @Option(names = "--entity-sample", defaultValue = "200", description = "texts per side sent to the entity"
      + " extractor when --config and --reference are given; 0 skips (default ${DEFAULT-VALUE})")
  int entitySample;

  @Option(names = "--self-bleu-sample", defaultValue = "1000", description = "texts scored by Self-BLEU (default"
      + " ${DEFAULT-VALUE})")
  int selfBleuSample;

  @Option(names = "--embedding-sample", defaultValue = "2000", description = "texts embedded (default"
      + " ${DEFAULT-VALUE})")
  int embeddingSample;

  @Option(names = "--dup-threshold", defaultValue = "0.8", description = "MinHash Jaccard threshold (default"
      + " ${DEFAULT-VALUE})")
  double dupThreshold;

  @Option(names = "--dup-shingle", defaultValue = "3", description = "word n-gram size of MinHash shingles (default"
      + " ${DEFAULT-VALUE})")
  int dupShingle;

  @Option(names = "--seed", defaultValue = "42", description = "seed of every sample (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--spark", paramLabel = "MASTER", description = "tokenize and embed on Spark executors (local[4],"
      + " spark://host:7077, yarn, ...): the same figures, every formula on the driver. Needs the synthkit-spark"
      + " module, which bin/synthkit adds when --spark is given")
  String spark;

  @Option(names = "--json", description = "print JSON instead of the table")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON to FILE")
  Path out;

  @Override
  public Integer call() throws IOException {
    Evaluation evaluation = Evaluation.of(datasets.toArray(Path[]::new)).withReference(reference).withSeeds(seeds)
        .withFields(field, labelField).withTokenizer(tokenizer).withConfig(config).withEmbedder(embedder)
        .withCategorize(categorize).withSamples(selfBleuSample, embeddingSample, entitySample)
        .withDuplicates(dupThreshold, dupShingle).withSeed(seed);
    for (Path other : compare) {
      evaluation = evaluation.compareWith(other);
    }
    Evaluation.Result result = spark == null ? Synthkit.evaluate(evaluation)
        : GenerateCommand.engine(ClusterEvaluator.class, ClusterEvaluator::name, "spark", "evaluate")
            .evaluate(evaluation, spark);
    String jsonText = result.json().toPrettyString();
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, jsonText + "\n");
    }
    System.out.print(json ? jsonText + "\n" : result.table());
    return 0;
  }
}
