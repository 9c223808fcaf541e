package io.synthkit.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synthkit.metrics.LengthStats;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code synthkit evaluate} reports about one dataset. Sections that do not apply (no embedder, no seeds,
 * no categories, no judge results, no entity extractor) are {@code null} and say why in {@link #notes}. Serialized
 * with snake_case names by {@link EvaluationJson}. Immutable.
 *
 * @param dataset what was measured
 * @param distinct corpus distinct-n for n = 1..5 (Li et al. 2016; metrics.md §1)
 * @param selfBleu Self-BLEU on a sample (Texygen and ReverseGen; metrics.md §2)
 * @param ingf INGF under both readings (AttrPrompt; metrics.md §4)
 * @param nearDuplicates MinHash near-duplicate rate (metrics.md §9)
 * @param length token and character lengths with histograms
 * @param embedding embedding diversity on a sample (remote-clique, APS, novelty)
 * @param seedRelevance mean cosine of items to their seeds
 * @param categories the distribution of {@code meta.category}
 * @param labels the distribution of the label field
 * @param iterations per-iteration (or per-hop) records, coverage and diversity
 * @param judge judge-based rates from {@code meta.judge}
 * @param entities entity overlap against the reference
 * @param others the seeds and the reference measured the same way, for side-by-side curves
 * @param notes how each figure was obtained: samples, embedder, extractor, skipped sections
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationResult(
    DatasetInfo dataset,
    List<Distinct> distinct,
    @Nullable SelfBleuScores selfBleu,
    IngfScores ingf,
    NearDuplicates nearDuplicates,
    LengthStats.Report length,
    @Nullable EmbeddingScores embedding,
    @Nullable SeedRelevance seedRelevance,
    @Nullable Distribution categories,
    @Nullable Distribution labels,
    @Nullable Iterations iterations,
    @Nullable JudgeScores judge,
    @Nullable Entities entities,
    List<OtherSet> others,
    List<String> notes) {

  /**
   * What was measured.
   *
   * @param name the dataset's name
   * @param source the file or run directory
   * @param method the method that made it (runs only)
   * @param simulated true when the run used the simulator: the texts are placeholders
   * @param records number of records
   * @param texts records with a non-blank text at {@code field}
   * @param field the text field
   * @param tokenizer the tokenizer of distinct-n and lengths
   */
  public record DatasetInfo(String name, @Nullable String source, @Nullable String method,
      @Nullable Boolean simulated, int records, int texts, String field, String tokenizer) {}

  /**
   * One distinct-n value.
   *
   * @param n the order
   * @param unique distinct n-grams
   * @param total n-gram occurrences
   * @param value unique/total (0 when there are none)
   */
  public record Distinct(int n, long unique, long total, double value) {}

  /**
   * Self-BLEU scores; higher means less diverse.
   *
   * @param tokenizer always {@code ptb} (nltk {@code word_tokenize}-compatible)
   * @param sampleSize texts scored (each against all the others in the sample)
   * @param population texts available
   * @param seed the sampling seed
   * @param bleu2 Texygen Self-BLEU-2 (empty texts kept)
   * @param bleu3 Texygen Self-BLEU-3
   * @param bleu4 Texygen Self-BLEU-4
   * @param bleu5 Texygen Self-BLEU-5
   * @param reverseGen ReverseGen's per-hypothesis mean of BLEU-2..5 (empty texts dropped)
   */
  public record SelfBleuScores(String tokenizer, int sampleSize, int population, long seed, double bleu2, double bleu3,
      double bleu4, double bleu5, @Nullable Double reverseGen) {}

  /**
   * INGF; lower means more diverse.
   *
   * @param collisionV1 reading 1: Σ (c_g/N)² over pooled 1-3-grams of {@code str.split()} tokens
   * @param meanFrequencyV2 reading 2: mean trigram frequency N/|unique| after removing periods
   */
  public record IngfScores(double collisionV1, double meanFrequencyV2) {}

  /**
   * MinHash near-duplicates, found in file order (the first of a group is kept).
   *
   * @param checked texts with at least one shingle
   * @param duplicates texts whose estimated Jaccard to an earlier text is ≥ threshold
   * @param rate duplicates / checked
   * @param threshold the Jaccard threshold
   * @param shingles how texts were shingled
   * @param numPerm MinHash permutations (datasketch seed 1)
   * @param examples up to five duplicate pairs
   */
  public record NearDuplicates(int checked, int duplicates, double rate, double threshold, String shingles,
      int numPerm, List<DuplicatePair> examples) {}

  /**
   * A near-duplicate and the earlier text it matched.
   *
   * @param id the duplicate's id
   * @param duplicateOf the earlier record's id
   * @param text the duplicate's text
   * @param original the earlier text
   */
  public record DuplicatePair(String id, String duplicateOf, String text, String original) {}

  /**
   * Embedding diversity on a sample.
   *
   * @param embedder the embedder id, e.g. {@code local:all-minilm-l6-v2-q} or {@code hashing:256}
   * @param embedderSource why this embedder was used
   * @param sampleSize texts embedded
   * @param population texts available
   * @param remoteCliqueDataGen DataGen's (1/n²)·Σ‖e_i−e_j‖ (higher = more diverse)
   * @param remoteCliqueMean mean Euclidean distance over pairs i≠j
   * @param meanCosineDistance mean 1−cos over pairs i≠j
   * @param aps average pairwise cosine similarity (lower = more diverse)
   * @param apsIntraClass APS over same-class pairs (classes = categories, else labels), when there are classes; null
   *     when no two sampled records share a class (undefined: NaN in the reference)
   * @param apsInterClass APS over different-class pairs; null when all sampled records share one class
   * @param classesFrom which field gave the classes
   * @param novelty mean of 1 − max cosine to the seeds (approximation of ReverseGen's novelty; metrics.md §6)
   */
  public record EmbeddingScores(String embedder, String embedderSource, int sampleSize, int population,
      double remoteCliqueDataGen, double remoteCliqueMean, double meanCosineDistance, double aps,
      @Nullable Double apsIntraClass, @Nullable Double apsInterClass, @Nullable String classesFrom,
      @Nullable Double novelty) {}

  /**
   * Relevance of generated items to the seeds they came from.
   *
   * @param meanCosine mean over items of the mean cosine to their root seeds
   * @param items sampled items whose seed was found
   * @param via how seeds were found: {@code meta.seed_id} or {@code meta.parents}
   */
  public record SeedRelevance(double meanCosine, int items, String via) {}

  /**
   * Counts of the values of one field.
   *
   * @param field the field read
   * @param distinct how many distinct values
   * @param missing records without a value
   * @param counts value to count, most frequent first (at most 100 values)
   */
  public record Distribution(String field, int distinct, int missing, Map<String, Long> counts) {}

  /**
   * Records, coverage and diversity per iteration.
   *
   * @param key the meta field that numbers iterations ({@code iteration}, {@code hop} or {@code round})
   * @param points one entry per iteration, ascending
   */
  public record Iterations(String key, List<IterationPoint> points) {}

  /**
   * One iteration.
   *
   * @param iteration the iteration number
   * @param records records made in this iteration
   * @param newCategories categories first seen in this iteration
   * @param coverage distinct categories among records up to and including this iteration
   * @param distinct distinct-1..5 of this iteration's records alone
   */
  public record IterationPoint(long iteration, int records, int newCategories, int coverage, List<Double> distinct) {}

  /**
   * Judge results read from {@code meta.judge}.
   *
   * @param judged records with a judge verdict
   * @param safety safety verdicts (Llama Guard style), when there are any
   * @param accuracy correctness verdicts, when there are any
   * @param targetFailures the failure rate over every answer the run judged, from its {@code iteration} events, when
   *     it keeps only failures as records (ReverseGen): then a rate over the records is 1 by construction
   */
  public record JudgeScores(int judged, @Nullable Safety safety, @Nullable Accuracy accuracy,
      @Nullable TargetFailures targetFailures) {}

  /**
   * Failures over all target answers a run judged (ReverseGen's failure rate, the attack success rate for safety).
   *
   * @param answers target answers judged, all iterations
   * @param failures of those, failures
   * @param rate failures / answers
   * @param perIteration the same per iteration, in event order
   */
  public record TargetFailures(long answers, long failures, double rate, List<IterationFailures> perIteration) {}

  /**
   * One iteration's failures.
   *
   * @param iteration the iteration
   * @param answers target answers judged in it
   * @param failures of those, failures
   * @param rate failures / answers (0 when nothing was judged)
   */
  public record IterationFailures(long iteration, long answers, long failures, double rate) {}

  /**
   * Safety rates.
   *
   * @param total verdicts counted
   * @param attackSuccessRate ReverseGen: share of verdicts containing "unsafe"
   * @param harmfulRate Data Advisor: share whose first line is not exactly "safe"
   * @param harmfulRateByCategory Data Advisor's rate per category (comma-separated categories count in each)
   */
  public record Safety(long total, double attackSuccessRate, double harmfulRate,
      Map<String, Double> harmfulRateByCategory) {}

  /**
   * Correctness rate (DataGen): correct / (correct + incorrect); unparseable verdicts are excluded and counted.
   *
   * @param correct verdicts meaning correct
   * @param incorrect verdicts meaning incorrect
   * @param excluded verdicts that meant neither
   * @param accuracy correct / (correct + incorrect)
   */
  public record Accuracy(long correct, long incorrect, long excluded, double accuracy) {}

  /**
   * Entity overlap (DataGen Table 3): |E_ref ∩ E_gen| / min(|E_ref|, |E_gen|).
   *
   * @param extractor what extracted the entities (a model role with structured output)
   * @param referenceSample reference texts sent to the extractor
   * @param generatedSample generated texts sent to the extractor
   * @param referenceEntities distinct entities in the reference sample
   * @param generatedEntities distinct entities in the generated sample
   * @param shared entities in both
   * @param overlap the overlap ratio
   */
  public record Entities(String extractor, int referenceSample, int generatedSample, int referenceEntities,
      int generatedEntities, int shared, double overlap) {}

  /**
   * The seeds or the reference set, measured like the dataset.
   *
   * @param role {@code seeds} or {@code reference}
   * @param name the file name
   * @param records number of records
   * @param distinct distinct-1..5 with the same tokenizer
   * @param length token lengths
   */
  public record OtherSet(String role, String name, int records, List<Distinct> distinct, LengthStats.Summary length) {}
}
