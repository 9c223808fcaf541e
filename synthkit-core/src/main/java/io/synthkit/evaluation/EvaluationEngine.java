package io.synthkit.evaluation;

import io.synthkit.text.Tokenizers;
import java.util.List;

/**
 * Where an evaluation's per-record work runs: tokenizing every text and embedding the sampled texts. Every formula
 * over the tokens and vectors runs where the evaluation runs, so an engine changes where the per-record work is done,
 * never a figure, as long as it returns what {@link #LOCAL} returns: the same tokens, in order, and the same vectors.
 * {@link #LOCAL} uses this machine's cores; synthkit-spark supplies one that runs on a cluster's executors.
 */
public interface EvaluationEngine {

  /** This machine: tokens from a parallel stream, vectors from the chosen embedder. */
  EvaluationEngine LOCAL = new EvaluationEngine() {
    @Override
    public List<List<String>> tokenize(List<String> texts, String tokenizer) {
      return Lexical.tokenize(texts, Tokenizers.named(tokenizer));
    }

    @Override
    public EmbedderChoice embedder(EmbedderChoice chosen) {
      return chosen;
    }
  };

  /**
   * Tokenizes texts.
   *
   * @param texts the texts
   * @param tokenizer a tokenizer name ({@link Tokenizers#named})
   * @return each text's tokens, in input order
   */
  List<List<String>> tokenize(List<String> texts, String tokenizer);

  /**
   * The embedder the evaluation uses, given the one chosen for it ({@link EmbedderChoice#choose}): the same, or one
   * that computes the same vectors elsewhere, keeping the choice's id and reason.
   *
   * @param chosen the chosen embedder; closing the result must close it
   * @return the embedder to use
   */
  EmbedderChoice embedder(EmbedderChoice chosen);
}
