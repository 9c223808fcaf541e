package io.synthkit.method.selfref;

import io.synthkit.run.Rng;
import io.synthkit.spi.Embedder;
import io.synthkit.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Picks the next formatting example of a chain (strategies naive, random, contrastive, similar). As in the public
 * code, contrastive and similar compare only the question texts: the previous formatting example's question against
 * each accepted example's question, by embedding cosine. Ties go to the earliest example, so the choice is
 * deterministic. Stateless.
 */
final class Chooser {

  /**
   * The pick and why.
   *
   * @param node the next formatting example
   * @param scores the cosine of each candidate to the previous formatting example (contrastive and similar only)
   */
  record Choice(Node node, List<Double> scores) {}

  private Chooser() {}

  /**
   * Chooses the next formatting example.
   *
   * @param strategy a chain strategy
   * @param seed the user's formatting example
   * @param previous the formatting example of the call that produced the candidates
   * @param accepted that call's accepted examples, in order; not empty
   * @param rng the generator for this choice
   * @param embedder the run's embedder, fetched only when the strategy needs it
   * @param shape where the question is
   * @return the choice
   */
  static Choice choose(Strategy strategy, Node seed, Node previous, List<Node> accepted, SplittableRandom rng,
      Supplier<Embedder> embedder, ExampleShape shape) {
    return switch (strategy) {
      case NAIVE -> new Choice(seed, List.of());
      case RANDOM -> new Choice(Rng.pick(accepted, rng), List.of());
      case CONTRASTIVE, SIMILAR -> byCosine(strategy == Strategy.SIMILAR, previous, accepted, embedder.get(), shape);
      case TREE -> throw new IllegalArgumentException("tree does not walk a chain");
    };
  }

  private static Choice byCosine(boolean most, Node previous, List<Node> accepted, Embedder embedder,
      ExampleShape shape) {
    List<String> texts = new ArrayList<>();
    texts.add(shape.questionOf(previous.item()));
    accepted.forEach(n -> texts.add(shape.questionOf(n.item())));
    List<float[]> vectors = embedder.embed(texts);
    List<Double> scores = new ArrayList<>();
    int best = 0;
    for (int i = 0; i < accepted.size(); i++) {
      double s = Vectors.cosine(vectors.get(0), vectors.get(i + 1));
      scores.add(s);
      if (most ? s > scores.get(best) : s < scores.get(best)) {
        best = i;
      }
    }
    return new Choice(accepted.get(best), scores);
  }
}
