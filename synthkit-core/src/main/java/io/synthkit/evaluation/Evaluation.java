package io.synthkit.evaluation;

import io.synthkit.evaluation.EvaluationResult.DatasetInfo;
import io.synthkit.evaluation.EvaluationResult.Distribution;
import io.synthkit.evaluation.EvaluationResult.EmbeddingScores;
import io.synthkit.evaluation.EvaluationResult.Entities;
import io.synthkit.evaluation.EvaluationResult.IngfScores;
import io.synthkit.evaluation.EvaluationResult.OtherSet;
import io.synthkit.evaluation.EvaluationResult.SelfBleuScores;
import io.synthkit.metrics.EntityOverlap;
import io.synthkit.metrics.Ingf;
import io.synthkit.run.Manifest;
import io.synthkit.spi.DataRecord;
import io.synthkit.text.Tokenizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a dataset: the Java API behind {@code synthkit evaluate} and the run report.
 *
 * <pre>{@code
 * EvaluationResult r = Evaluation.of(Path.of("runs/quickstart"))
 *     .seeds(Seeds.load(Path.of("examples/seeds/instructions.jsonl")))
 *     .embedder(EmbedderChoice.choose(null, null))
 *     .run();
 * System.out.println(EvaluationTable.render(r));
 * }</pre>
 *
 * <p>Every formula comes from {@code io.synthkit.metrics}; this class chooses the texts, samples the quadratic and
 * model-based metrics (recording sample sizes in the result) and collects notes on how each figure was obtained. A
 * builder: not thread-safe; {@link #run()} may be called more than once.
 */
public final class Evaluation {

  /**
   * An evaluation's result plus the embedded samples a report draws.
   *
   * @param result the metrics
   * @param generated the embedded sample of the dataset
   * @param seeds the embedded seeds
   * @param reference the embedded reference sample
   */
  public record Computed(EvaluationResult result, Embedded generated, Embedded seeds, Embedded reference) {}

  private final Dataset dataset;
  private EvaluationOptions options = EvaluationOptions.DEFAULT;
  private @Nullable FieldPath field;
  private @Nullable FieldPath labelField;
  private @Nullable Dataset seeds;
  private @Nullable Dataset reference;
  private @Nullable EmbedderChoice embedder;
  private @Nullable EntityExtractor extractor;
  private EvaluationEngine engine = EvaluationEngine.LOCAL;
  private String noExtractorReason = "no model configured (give --config with an extractor or judge role)";
  private final List<String> notes = new ArrayList<>();
  private final List<String> extraNotes = new ArrayList<>();

  private Evaluation(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
  }

  /**
   * Starts an evaluation of a dataset.
   *
   * @param dataset the dataset
   * @return the builder
   */
  public static Evaluation of(Dataset dataset) {
    return new Evaluation(dataset);
  }

  /**
   * Starts an evaluation of a run directory or data file.
   *
   * @param path a run directory or a JSONL file
   * @return the builder
   */
  public static Evaluation of(Path path) {
    return new Evaluation(Dataset.load(path));
  }

  /**
   * @param o how to compute
   * @return this
   */
  public Evaluation options(EvaluationOptions o) {
    this.options = Objects.requireNonNull(o, "options");
    return this;
  }

  /**
   * @param path the text field; null to detect it
   * @return this
   */
  public Evaluation field(@Nullable FieldPath path) {
    this.field = path;
    return this;
  }

  /**
   * @param path the label field; null to use {@code label} when most records have one
   * @return this
   */
  public Evaluation labelField(@Nullable FieldPath path) {
    this.labelField = path;
    return this;
  }

  /**
   * @param s the seeds the dataset grew from (ids {@code seed-N}); null for none
   * @return this
   */
  public Evaluation seeds(@Nullable Dataset s) {
    this.seeds = s;
    return this;
  }

  /**
   * @param r a reference dataset (original data, another method's output); null for none
   * @return this
   */
  public Evaluation reference(@Nullable Dataset r) {
    this.reference = r;
    return this;
  }

  /**
   * @param choice the embedder for embedding metrics (the caller closes it); null to skip them
   * @return this
   */
  public Evaluation embedder(@Nullable EmbedderChoice choice) {
    this.embedder = choice;
    return this;
  }

  /**
   * @param e where the per-record work runs (tokenizing); the embedder given to {@link #embedder} embeds
   * @return this
   */
  public Evaluation engine(EvaluationEngine e) {
    this.engine = Objects.requireNonNull(e, "engine");
    return this;
  }

  /**
   * @param e the entity extractor for entity overlap; null to skip it
   * @return this
   */
  public Evaluation entityExtractor(@Nullable EntityExtractor e) {
    this.extractor = e;
    return this;
  }

  /**
   * Says why there is no entity extractor, for the note when a reference is given but entity overlap is skipped.
   *
   * @param reason e.g. "turned off (entity sample 0)"
   * @return this
   */
  public Evaluation noEntityExtractor(String reason) {
    this.noExtractorReason = reason;
    return this;
  }

  /**
   * Adds a note to the result, for what happened before the evaluation (for example how categories were assigned).
   *
   * @param note the note
   * @return this
   */
  public Evaluation note(String note) {
    extraNotes.add(note);
    return this;
  }

  /**
   * Computes the metrics.
   *
   * @return the result
   */
  public EvaluationResult run() {
    return compute().result();
  }

  /**
   * Computes the metrics and keeps the embedded samples.
   *
   * @return the result with the embedded samples
   */
  public Computed compute() {
    notes.clear();
    notes.addAll(extraNotes);
    List<DataRecord> records = dataset.records();
    FieldPath textField = field != null ? field : records.isEmpty() ? FieldPath.parse("text") : FieldPath.detect(records);
    Texts texts = Texts.of(records, textField);
    String tokenizer = options.tokenizer();
    Tokenizers.named(tokenizer); // an unknown name fails here, before any work is shipped
    List<List<String>> tokens = engine.tokenize(texts.texts(), tokenizer);
    @Nullable List<List<String>> ptb = options.tokenizer().equals("ptb") ? tokens : null;
    // The lexical metrics are independent and each single-threaded: run them side by side while embedding.
    var distinct = async(() -> Lexical.distinct(tokens));
    var selfBleu = async(() -> Lexical.selfBleu(texts.texts(), ptb, options.selfBleuSample(), options.seed()));
    var ingfV1 = async(() -> Ingf.collisionV1(texts.texts()));
    var ingfV2 = async(() -> Ingf.meanFrequencyV2(texts.texts()));
    var duplicates = async(() -> DuplicateScan.scan(texts.ids(), texts.texts(), options.duplicateThreshold(),
        options.shingleSize()));
    var iterations = async(() -> MetaStats.iterations(texts.records(), tokens));
    Distribution categories = MetaStats.categoryDistribution(records);
    FieldPath labels = labelField != null ? labelField : FieldPath.parse("label");
    Distribution labelCounts = MetaStats.labelDistribution(records, labels);
    Embeddings emb = embeddings(texts, textField, records, categories != null ? null : labelCounts == null ? null
        : labels, categories != null);
    List<OtherSet> others = new ArrayList<>();
    if (seeds != null) {
      others.add(other("seeds", seeds, textField, tokenizer));
    }
    if (reference != null) {
      others.add(other("reference", reference, textField, tokenizer));
    }
    Entities entities = entities(texts, textField);
    SelfBleuScores bleu = join(selfBleu);
    noteSelfBleu(bleu);
    Manifest m = dataset.manifest().orElse(null);
    if (m != null && m.simulated()) {
      notes.add(0, "SIMULATED run: the texts are placeholder output of synthkit's simulator, not real data");
    }
    DatasetInfo info = new DatasetInfo(dataset.name(), dataset.runDir().or(dataset::source).map(Path::toString)
        .orElse(null), m == null ? null : m.method(), m == null ? null : m.simulated(), records.size(), texts.size(),
        textField.toString(), options.tokenizer());
    EvaluationResult result = new EvaluationResult(info, join(distinct), bleu,
        new IngfScores(join(ingfV1), join(ingfV2)), join(duplicates),
        Lexical.length(texts.texts(), tokens, options.histogramBins()), emb.scores(), emb.relevance(), categories,
        labelCounts, join(iterations), JudgeStats.of(records, dataset.events()), entities, List.copyOf(others), List.copyOf(notes));
    return new Computed(result, emb.sample(), emb.seeds(), emb.reference());
  }

  /** The embedding part of an evaluation. */
  private record Embeddings(@Nullable EmbeddingScores scores, EvaluationResult.@Nullable SeedRelevance relevance,
      Embedded sample,
      Embedded seeds, Embedded reference) {
    static final Embeddings NONE = new Embeddings(null, null, Embedded.NONE, Embedded.NONE, Embedded.NONE);
  }

  /**
   * Embeds samples of the dataset, the seeds and the reference, and computes the embedding metrics.
   *
   * @param labels the label field when labels (not categories) give the APS classes, else null
   * @param byCategory whether categories give the APS classes
   */
  private Embeddings embeddings(Texts texts, FieldPath textField, List<DataRecord> records,
      @Nullable FieldPath labels, boolean byCategory) {
    EmbedderChoice embedder = this.embedder;
    if (embedder == null) {
      notes.add("embedding metrics skipped: no embedder");
      return Embeddings.NONE;
    }
    if (texts.size() < 2) {
      notes.add("embedding metrics skipped: they need at least 2 texts");
      return Embeddings.NONE;
    }
    Embedded sample = embed(embedder, texts.ids(), texts.texts(), "dataset");
    Embedded seedSet = seeds == null ? Embedded.NONE : embedOther(embedder, seeds, textField, "seeds");
    Embedded referenceSet = reference == null ? Embedded.NONE
        : embedOther(embedder, reference, textField, "reference");
    List<String> classes = classes(sample, records, byCategory, labels);
    EmbeddingScores scores = EmbeddingStats.scores(sample, texts.size(), classes,
        byCategory ? "meta.category" : String.valueOf(labels), seedSet, embedder);
    notes.add("embedding metrics from " + embedder.embedder().id() + ": " + embedder.source());
    if (scores.novelty() != null) {
      notes.add("novelty = mean(1 - max cosine to a seed) is an approximation of ReverseGen's novelty (metrics.md"
          + " §6)");
    }
    return new Embeddings(scores, EmbeddingStats.seedRelevance(sample, records, seedSet), sample, seedSet,
        referenceSet);
  }

  private void noteSelfBleu(@Nullable SelfBleuScores bleu) {
    if (bleu == null) {
      notes.add("self-BLEU skipped: it needs at least 2 texts");
    } else if (bleu.sampleSize() < bleu.population()) {
      notes.add(String.format(Locale.ROOT, "self-BLEU on a seeded sample of %d of %d texts (seed %d), each scored"
          + " against the other %d", bleu.sampleSize(), bleu.population(), options.seed(), bleu.sampleSize() - 1));
    }
  }

  private static <T> CompletableFuture<T> async(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work);
  }

  /** Waits for a task and rethrows its own exception (a SynthkitException keeps its exit code). */
  private static <T> T join(CompletableFuture<T> task) {
    try {
      return task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private Embedded embed(EmbedderChoice embedder, List<String> ids, List<String> all, String what) {
    int[] picked = Samples.indices(all.size(), options.embeddingSample(), options.seed());
    List<String> pickedIds = new ArrayList<>(picked.length);
    List<String> pickedTexts = new ArrayList<>(picked.length);
    for (int i : picked) {
      pickedIds.add(ids.get(i));
      pickedTexts.add(all.get(i));
    }
    if (picked.length < all.size()) {
      notes.add(String.format(Locale.ROOT, "%s: embedded a seeded sample of %d of %d texts", what, picked.length,
          all.size()));
    }
    return new Embedded(pickedIds, pickedTexts, embedder.embedder().embed(pickedTexts));
  }

  private Embedded embedOther(EmbedderChoice embedder, Dataset other, FieldPath preferred, String what) {
    Texts t = Texts.of(other.records(), fieldFor(other, preferred));
    return t.size() == 0 ? Embedded.NONE : embed(embedder, t.ids(), t.texts(), what);
  }

  /** The dataset's text field when the other set has it, else the other set's own main text field. */
  private static FieldPath fieldFor(Dataset other, FieldPath preferred) {
    long has = other.records().stream().filter(r -> preferred.text(r) != null).count();
    return has * 2 >= other.size() || other.size() == 0 ? preferred : FieldPath.detect(other.records());
  }

  private OtherSet other(String role, Dataset other, FieldPath preferred, String tokenizer) {
    Texts t = Texts.of(other.records(), fieldFor(other, preferred));
    List<List<String>> tokens = engine.tokenize(t.texts(), tokenizer);
    return new OtherSet(role, other.name(), other.size(), Lexical.distinct(tokens),
        Lexical.length(t.texts(), tokens, options.histogramBins()).tokens());
  }

  /** One class per sampled item (first category, else label), or null when fewer than half have one. */
  private static @Nullable List<String> classes(Embedded sample, List<DataRecord> records, boolean byCategory,
      @Nullable FieldPath labels) {
    if (!byCategory && labels == null) {
      return null;
    }
    Map<String, DataRecord> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.id(), r));
    List<String> out = new ArrayList<>(sample.size());
    int known = 0;
    for (String id : sample.ids()) {
      DataRecord r = byId.get(id);
      String c = null;
      if (r != null) {
        c = byCategory ? MetaStats.categories(r).stream().findFirst().orElse(null)
            : Objects.requireNonNull(labels, "labels without categories").text(r);
      }
      known += c == null ? 0 : 1;
      // Items without a class get a unique one, so they pair with nothing in the intra-class mean.
      out.add(c == null ? "\u0000" + id : c);
    }
    return known * 2 >= sample.size() ? out : null;
  }

  private @Nullable Entities entities(Texts texts, FieldPath textField) {
    Dataset reference = this.reference;
    EntityExtractor extractor = this.extractor;
    // The reference comes first: without one there is nothing to overlap with, whatever the models.
    if (reference == null) {
      notes.add("entity overlap skipped: it needs a reference set (--reference)");
      return null;
    }
    if (extractor == null) {
      notes.add("entity overlap skipped: " + noExtractorReason);
      return null;
    }
    Texts ref = Texts.of(reference.records(), fieldFor(reference, textField));
    List<String> refSample = pick(ref.texts());
    List<String> genSample = pick(texts.texts());
    Set<String> refEntities = extractor.entities(refSample, "reference");
    Set<String> genEntities = extractor.entities(genSample, "generated");
    Set<String> shared = new HashSet<>(refEntities);
    shared.retainAll(genEntities);
    notes.add("entities extracted by " + extractor.describe());
    return new Entities(extractor.describe(), refSample.size(), genSample.size(), refEntities.size(),
        genEntities.size(), shared.size(), EntityOverlap.of(refEntities, genEntities));
  }

  private List<String> pick(List<String> all) {
    List<String> out = new ArrayList<>();
    for (int i : Samples.indices(all.size(), options.entitySample(), options.seed())) {
      out.add(all.get(i));
    }
    return out;
  }
}
