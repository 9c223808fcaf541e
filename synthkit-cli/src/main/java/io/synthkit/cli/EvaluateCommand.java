package io.synthkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.ConfigLoader;
import io.synthkit.config.RunConfig;
import io.synthkit.evaluation.Comparison;
import io.synthkit.evaluation.Dataset;
import io.synthkit.evaluation.EmbedderChoice;
import io.synthkit.evaluation.Evaluation;
import io.synthkit.evaluation.EvaluationJson;
import io.synthkit.evaluation.EvaluationOptions;
import io.synthkit.evaluation.EvaluationResult;
import io.synthkit.evaluation.EvaluationTable;
import io.synthkit.evaluation.FieldPath;
import io.synthkit.evaluation.ModelEntityExtractor;
import io.synthkit.evaluation.ModelRoles;
import io.synthkit.evaluation.Seeds;
import io.synthkit.json.Json;
import io.synthkit.run.ModelSession;
import io.synthkit.method.Methods;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
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

  @Option(names = "--json", description = "print JSON instead of the table")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON to FILE")
  Path out;

  @Override
  public Integer call() throws IOException {
    EvaluationOptions options = options();
    RunConfig cfg = config == null ? null : ConfigLoader.load(config, List.of(), System.getenv(), Methods.names());
    if (categorize && cfg == null) {
      throw SynthkitException.input("--categorize needs --config CFG naming the judge model");
    }
    List<Dataset> loaded = new ArrayList<>();
    for (Path p : datasets) {
      loaded.add(Dataset.load(p));
    }
    for (Path p : compare) {
      loaded.add(Dataset.load(p));
    }
    Dataset ref = reference == null ? null : Dataset.load(reference);
    FieldPath path = field == null ? null : FieldPath.parse(field);
    List<EvaluationResult> results = new ArrayList<>();
    try (ModelSession gateway = cfg == null ? null : ModelRoles.open(cfg);
        EmbedderChoice choice = "none".equals(embedder) ? null
            : EmbedderChoice.choose(embedder, cfg == null ? null : cfg.embeddings())) {
      PromptLibrary prompts = cfg == null ? null : PromptLibrary.withOverrides(cfg.promptsDir());
      List<Dataset> categorized = loaded;
      Llm judge = categorize ? gateway.llm(ModelRoles.pick(cfg, List.of("judge"))) : null;
      if (categorize) {
        categorized = Comparison.categorize(loaded, judge, prompts, path);
      }
      for (int i = 0; i < categorized.size(); i++) {
        Dataset d = categorized.get(i);
        Evaluation e = Evaluation.of(d).options(options).field(path).reference(ref).embedder(choice)
            .labelField(labelField == null ? null : FieldPath.parse(labelField)).seeds(seedsFor(d));
        if (d != loaded.get(i)) {
          e.note("meta.category assigned by --categorize: model role " + judge.role() + " (" + judge.model()
              + (judge.simulated() ? ", SIMULATED" : "") + "), structured output, prompt evaluate/categorize");
        }
        if (gateway != null && ref != null && entitySample > 0) {
          e.entityExtractor(new ModelEntityExtractor(gateway.llm(ModelRoles.pick(cfg, List.of("extractor", "judge"))),
              prompts));
        }
        results.add(e.run());
      }
    }
    String jsonText = EvaluationJson.write(results.size() == 1 ? EvaluationJson.tree(results.get(0)) : all(results));
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(out, jsonText + "\n");
    }
    System.out.print(json ? jsonText + "\n" : EvaluationTable.compare(results));
    return 0;
  }

  private EvaluationOptions options() {
    try {
      return EvaluationOptions.DEFAULT.withTokenizer(tokenizer).withSamples(selfBleuSample, embeddingSample)
          .withDuplicates(dupThreshold, dupShingle).withEntitySample(Math.max(1, entitySample)).withSeed(seed);
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input(e.getMessage());
    }
  }

  private Dataset seedsFor(Dataset d) {
    if (seeds != null) {
      return Seeds.load(seeds);
    }
    return d.runDir().flatMap(Seeds::locate).map(Seeds::load).orElse(null);
  }

  private static ObjectNode all(List<EvaluationResult> results) {
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("datasets");
    results.forEach(r -> list.add(EvaluationJson.tree(r)));
    return root;
  }
}
