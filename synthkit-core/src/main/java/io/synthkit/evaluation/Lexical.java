package io.synthkit.evaluation;

import io.synthkit.evaluation.EvaluationResult.Distinct;
import io.synthkit.evaluation.EvaluationResult.SelfBleuScores;
import io.synthkit.metrics.DistinctN;
import io.synthkit.metrics.LengthStats;
import io.synthkit.metrics.SelfBleu;
import io.synthkit.text.Tokenizer;
import io.synthkit.text.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lexical metrics of an evaluation, delegating every formula to {@code io.synthkit.metrics}: this class only
 * tokenizes (in parallel), samples and packages.
 */
final class Lexical {

  private Lexical() {}

  /** Tokenizes every text on all cores; the result is in input order (parallel streams keep encounter order). */
  static List<List<String>> tokenize(List<String> texts, Tokenizer tokenizer) {
    return texts.parallelStream().map(tokenizer::tokenize).toList();
  }

  static List<Distinct> distinct(List<List<String>> tokens) {
    return DistinctN.upTo(tokens, DistinctN.MAX_N).stream()
        .map(r -> new Distinct(r.n(), r.unique(), r.total(), r.value())).toList();
  }

  /**
   * Self-BLEU on a seeded sample: Texygen BLEU-2..5 (empty texts kept) and ReverseGen's mean (empties dropped), all
   * with PTB tokens.
   *
   * @return the scores, or null for fewer than 2 texts
   */
  static @Nullable SelfBleuScores selfBleu(List<String> texts, @Nullable List<List<String>> ptbTokensOrNull,
      int sample, long seed) {
    if (texts.size() < 2) {
      return null;
    }
    int[] picked = Samples.indices(texts.size(), sample, seed);
    List<List<String>> tokens = new ArrayList<>(picked.length);
    if (ptbTokensOrNull != null) {
      for (int i : picked) {
        tokens.add(ptbTokensOrNull.get(i));
      }
    } else {
      List<String> chosen = new ArrayList<>(picked.length);
      for (int i : picked) {
        chosen.add(texts.get(i));
      }
      tokens = tokenize(chosen, Tokenizers.ptb());
    }
    double[] bleu = new double[6];
    for (int n = 2; n <= 5; n++) {
      bleu[n] = SelfBleu.texygen(tokens, n).score();
    }
    long nonEmpty = tokens.stream().filter(t -> !t.isEmpty()).count();
    Double reverseGen = nonEmpty >= 2 ? SelfBleu.reverseGen(tokens).score() : null;
    return new SelfBleuScores("ptb", picked.length, texts.size(), seed, bleu[2], bleu[3], bleu[4], bleu[5],
        reverseGen);
  }

  static LengthStats.Report length(List<String> texts, List<List<String>> tokens, int bins) {
    double[] tok = new double[texts.size()];
    double[] chars = new double[texts.size()];
    for (int i = 0; i < tok.length; i++) {
      tok[i] = tokens.get(i).size();
      String t = texts.get(i);
      chars[i] = t.codePointCount(0, t.length());
    }
    return new LengthStats.Report(LengthStats.summarize(tok, bins), LengthStats.summarize(chars, bins));
  }
}
