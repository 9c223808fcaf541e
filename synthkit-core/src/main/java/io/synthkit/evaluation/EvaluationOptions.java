package io.synthkit.evaluation;

import io.synthkit.text.Tokenizers;

/**
 * How an evaluation is computed. The defaults are what {@code synthkit evaluate} and the run report use.
 *
 * @param tokenizer the tokenizer for distinct-n, token lengths and per-iteration diversity (one of
 *     {@link Tokenizers#NAMES}); Self-BLEU always uses {@code ptb}, as Texygen and ReverseGen do
 * @param selfBleuSample how many texts (seeded random sample) Self-BLEU scores leave-one-out; Self-BLEU grows with the
 *     number of references, so a fixed sample keeps scores comparable across dataset sizes
 * @param embeddingSample how many texts (seeded sample) are embedded for remote-clique, APS, novelty, seed relevance and
 *     the report's map; the pairwise metrics are quadratic in it
 * @param duplicateThreshold the MinHash Jaccard estimate at or above which a text is a near-duplicate of an earlier one
 * @param shingleSize word n-gram size (lowercased) of the MinHash shingles
 * @param histogramBins bins of the length histograms
 * @param entitySample how many texts per side are sent to the entity extractor
 * @param seed the seed of every sample
 */
public record EvaluationOptions(String tokenizer, int selfBleuSample, int embeddingSample, double duplicateThreshold,
    int shingleSize, int histogramBins, int entitySample, long seed) {

  /** The defaults: ptb tokens, 1000 texts for Self-BLEU, 2000 embedded, MinHash 3-grams at 0.8, 20 bins. */
  public static final EvaluationOptions DEFAULT = new EvaluationOptions("ptb", 1000, 2000, 0.8, 3, 20, 200, 42);

  /** Checks the ranges. */
  public EvaluationOptions {
    Tokenizers.named(tokenizer);
    if (selfBleuSample < 2) {
      throw new IllegalArgumentException("selfBleuSample must be at least 2: " + selfBleuSample);
    }
    if (embeddingSample < 2) {
      throw new IllegalArgumentException("embeddingSample must be at least 2: " + embeddingSample);
    }
    if (!(duplicateThreshold > 0 && duplicateThreshold <= 1)) {
      throw new IllegalArgumentException("duplicateThreshold must be in (0,1]: " + duplicateThreshold);
    }
    if (shingleSize < 1 || histogramBins < 1 || entitySample < 1) {
      throw new IllegalArgumentException("shingleSize, histogramBins and entitySample must be positive: "
          + shingleSize + ", " + histogramBins + ", " + entitySample);
    }
  }

  /**
   * @param name the tokenizer name
   * @return a copy with another tokenizer
   */
  public EvaluationOptions withTokenizer(String name) {
    return new EvaluationOptions(name, selfBleuSample, embeddingSample, duplicateThreshold, shingleSize, histogramBins,
        entitySample, seed);
  }

  /**
   * @param selfBleu Self-BLEU sample size
   * @param embeddings embedding sample size
   * @return a copy with other sample sizes
   */
  public EvaluationOptions withSamples(int selfBleu, int embeddings) {
    return new EvaluationOptions(tokenizer, selfBleu, embeddings, duplicateThreshold, shingleSize, histogramBins,
        entitySample, seed);
  }

  /**
   * @param threshold the Jaccard threshold
   * @param shingles the shingle n-gram size
   * @return a copy with another near-duplicate setting
   */
  public EvaluationOptions withDuplicates(double threshold, int shingles) {
    return new EvaluationOptions(tokenizer, selfBleuSample, embeddingSample, threshold, shingles, histogramBins,
        entitySample, seed);
  }

  /**
   * @param n texts per side sent to the entity extractor
   * @return a copy
   */
  public EvaluationOptions withEntitySample(int n) {
    return new EvaluationOptions(tokenizer, selfBleuSample, embeddingSample, duplicateThreshold, shingleSize,
        histogramBins, n, seed);
  }

  /**
   * @param newSeed the sampling seed
   * @return a copy
   */
  public EvaluationOptions withSeed(long newSeed) {
    return new EvaluationOptions(tokenizer, selfBleuSample, embeddingSample, duplicateThreshold, shingleSize,
        histogramBins, entitySample, newSeed);
  }
}
