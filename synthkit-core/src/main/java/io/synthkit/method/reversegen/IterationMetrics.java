package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.metrics.EmbeddingDiversity;
import io.synthkit.metrics.SelfBleu;
import io.synthkit.spi.RunContext;
import io.synthkit.text.Tokenizer;
import io.synthkit.text.Tokenizers;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The per-iteration figures of the paper (methods.md §4.5), written as an {@code iteration} event and into the
 * manifest summary ({@code iterations}):
 *
 * <ul>
 *   <li>{@code failure_rate} = failures / judged (the attack success rate for safety);
 *   <li>{@code self_bleu}: ReverseGen's Self-BLEU over the iteration's unique instructions (mean of BLEU-2..5 per
 *       hypothesis, PTB tokens, metrics.md §2), on a seeded sample of at most {@code self_bleu_sample} hypotheses;
 *   <li>{@code unique}: instructions left after dedup;
 *   <li>{@code inner_similarity} (mean pairwise cosine) and {@code novelty} (mean of 1 − max cosine to the warm-up
 *       instructions) with the run's embedder: <b>approximations</b> (metrics.md §6), labelled so.
 * </ul>
 *
 * <p>Confined to the method's thread.
 */
final class IterationMetrics {

  private static final String APPROXIMATION = "inner_similarity and novelty are approximations (metrics.md §6): the"
      + " paper does not define them and the public code does not compute them";

  private final RunContext ctx;
  private final ReverseGenParams p;
  private final InstructionSet seeds;
  private final Tokenizer tokens = Tokenizers.ptb();
  private final ArrayNode history = Json.array();
  private @Nullable List<float[]> seedVectors;

  IterationMetrics(RunContext ctx, ReverseGenParams p, InstructionSet seeds) {
    this.ctx = ctx;
    this.p = p;
    this.seeds = seeds;
  }

  /** Computes, logs and summarises one iteration's figures; returns them. */
  ObjectNode report(int iteration, String model, Proposals.Batch batch, List<Judged> judged, int pairs,
      int records) {
    long failures = judged.stream().filter(Judged::failure).count();
    ObjectNode m = Json.object().put("iteration", iteration).put("proposer_model", model)
        .put("samples", batch.samples()).put("cleaned", batch.cleaned()).put("unique", batch.unique())
        .put("probed", batch.candidates().size()).put("judged", judged.size()).put("failures", failures)
        .put("failure_rate", judged.isEmpty() ? 0.0 : round((double) failures / judged.size()))
        .put("pairs", pairs).put("records", records);
    List<String> texts = batch.candidates().stream().map(Candidate::question).toList();
    selfBleu(iteration, texts, m);
    if (p.embeddingMetrics() && !texts.isEmpty()) {
      List<float[]> vectors = ctx.embedder().embed(texts);
      if (seedVectors == null) {
        seedVectors = ctx.embedder().embed(seeds.items().stream().map(i -> questionOf(i.text())).toList());
      }
      m.put("inner_similarity", round(EmbeddingDiversity.innerSimilarity(vectors)))
          .put("novelty", round(EmbeddingDiversity.novelty(vectors, seedVectors)))
          .put("embedding_metrics", APPROXIMATION);
    }
    ctx.event("iteration/" + iteration, "iteration", m);
    history.add(m);
    ctx.summary("iterations", history);
    return m;
  }

  private void selfBleu(int iteration, List<String> texts, ObjectNode m) {
    List<List<String>> tokenized = texts.stream().map(tokens::tokenize).filter(t -> !t.isEmpty()).toList();
    if (tokenized.size() < 2) {
      m.putNull("self_bleu");
      return;
    }
    int hypotheses = tokenized.size() > p.selfBleuSample() ? p.selfBleuSample() : -1;
    SelfBleu.Result r = SelfBleu.score(tokenized, SelfBleu.REVERSEGEN_GRAMS, true, new SelfBleu.Options(hypotheses,
        -1, ctx.rng("iter/" + iteration + "/self-bleu").nextLong()));
    m.put("self_bleu", round(r.score())).put("self_bleu_hypotheses", r.hypotheses().size());
  }

  /** Honesty demonstrations carry their answer line; compare questions with questions. */
  private String questionOf(String text) {
    return p.task() == Task.HONESTY ? Mcq.parse(text).map(Mcq::withoutAnswer).orElse(text) : text;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
