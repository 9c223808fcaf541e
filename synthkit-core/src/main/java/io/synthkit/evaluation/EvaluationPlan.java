package io.synthkit.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.config.RunConfig;
import io.synthkit.json.Json;
import io.synthkit.run.ModelSession;
import io.synthkit.sim.Responder;
import io.synthkit.spi.Llm;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@code synthkit evaluate} measures: one or more datasets side by side, each with the same options, reference
 * and text field. A run config, when given, supplies the embeddings provider and the model roles: {@code judge}
 * categorizes records without {@code meta.category} ({@code categorize}), {@code extractor} (else {@code judge})
 * extracts entities for the overlap with the reference. Each dataset's seeds are the given file, else the run's own
 * seed file ({@link Seeds#locate}).
 *
 * @param datasets run directories or data files, in column order
 * @param reference reference data for the distinct-n curve and entity overlap, or null
 * @param seeds the seed file of every dataset, or null to find each run's own
 * @param field the text field, or null to detect it per dataset
 * @param labelField the label field, or null for {@code label}
 * @param options tokenizer, sample sizes, near-duplicate settings and seed
 * @param embedder an explicit embeddings provider, {@code none} to skip embedding metrics, or null for the config's
 *     (else the local model, else hashing)
 * @param categorize whether the judge categorizes records without categories (needs a config)
 * @param entities whether entities are extracted (when there is a config and a reference)
 */
public record EvaluationPlan(List<Path> datasets, @Nullable Path reference, @Nullable Path seeds,
    @Nullable FieldPath field, @Nullable FieldPath labelField, EvaluationOptions options, @Nullable String embedder,
    boolean categorize, boolean entities) {

  /** The {@code embedder} value that skips embedding metrics. */
  public static final String NO_EMBEDDER = "none";

  /** Copies the list and checks the parts. */
  public EvaluationPlan {
    datasets = List.copyOf(datasets);
    Objects.requireNonNull(options, "options");
    if (datasets.isEmpty()) {
      throw SynthkitException.input("nothing to evaluate: give at least one dataset");
    }
  }

  /**
   * Loads and measures every dataset.
   *
   * @param config the run config whose embeddings and model roles to use, or null
   * @param responder scripts simulated roles (tests), or null
   * @return one result per dataset, in order
   * @throws SynthkitException (exit 2) for a missing or malformed file, or {@code categorize} without a config
   */
  public List<EvaluationResult> run(@Nullable RunConfig config, @Nullable Responder responder) {
    return run(config, responder, EvaluationEngine.LOCAL);
  }

  /**
   * Loads and measures every dataset, with the per-record work done by an engine.
   *
   * @param config the run config whose embeddings and model roles to use, or null
   * @param responder scripts simulated roles (tests), or null
   * @param engine where texts are tokenized and embedded
   * @return one result per dataset, in order
   * @throws SynthkitException (exit 2) for a missing or malformed file, or {@code categorize} without a config
   */
  public List<EvaluationResult> run(@Nullable RunConfig config, @Nullable Responder responder,
      EvaluationEngine engine) {
    if (categorize && config == null) {
      throw SynthkitException.input("--categorize needs --config CFG naming the judge model");
    }
    List<Dataset> loaded = datasets.stream().map(Dataset::load).toList();
    Dataset ref = reference == null ? null : Dataset.load(reference);
    List<EvaluationResult> results = new ArrayList<>();
    try (ModelSession models = config == null ? null : ModelRoles.open(config, responder);
        EmbedderChoice choice = NO_EMBEDDER.equals(embedder) ? null
            : engine.embedder(EmbedderChoice.choose(embedder, config == null ? null : config.embeddings()))) {
      // Without a config there are no models, so the built-in prompts are never read.
      PromptLibrary prompts = PromptLibrary.withOverrides(config == null ? null : config.promptsDir());
      // Checked above: categorizing has a config, hence models.
      Llm judge = categorize ? Objects.requireNonNull(models, "models").llm(ModelRoles.pick(
          Objects.requireNonNull(config, "config"), List.of("judge"))) : null;
      List<Dataset> categorized = judge != null ? Comparison.categorize(loaded, judge, prompts, field) : loaded;
      for (int i = 0; i < categorized.size(); i++) {
        Dataset d = categorized.get(i);
        Evaluation e = Evaluation.of(d).options(options).field(field).reference(ref).embedder(choice).engine(engine)
            .labelField(labelField).seeds(seedsFor(d));
        if (judge != null && d != loaded.get(i)) {
          e.note("meta.category assigned by --categorize: model role " + judge.role() + " (" + judge.model()
              + (judge.simulated() ? ", SIMULATED" : "") + "), structured output, prompt evaluate/categorize");
        }
        // models is open exactly when there is a config.
        if (models != null && config != null && ref != null && entities) {
          e.entityExtractor(new ModelEntityExtractor(models.llm(ModelRoles.pick(config, List.of("extractor",
              "judge"))), prompts));
        } else if (models != null) {
          e.noEntityExtractor("turned off (entity sample 0)");
        }
        results.add(e.run());
      }
    }
    return results;
  }

  private @Nullable Dataset seedsFor(Dataset d) {
    if (seeds != null) {
      return Seeds.load(seeds);
    }
    return d.runDir().flatMap(Seeds::locate).map(Seeds::load).orElse(null);
  }

  /**
   * The JSON of {@code synthkit evaluate --json}: one dataset's tree, or {@code {"datasets": [...]}} for several.
   *
   * @param results the results, in column order
   * @return the tree
   */
  public static ObjectNode json(List<EvaluationResult> results) {
    if (results.size() == 1) {
      return EvaluationJson.tree(results.get(0));
    }
    ObjectNode root = Json.object();
    ArrayNode list = root.putArray("datasets");
    results.forEach(r -> list.add(EvaluationJson.tree(r)));
    return root;
  }
}
