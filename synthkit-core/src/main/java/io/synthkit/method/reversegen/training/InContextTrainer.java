package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.run.Rng;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The {@code in-context} trainer: no weight update. It keeps every failure-inducing instruction found so far, ranked
 * by the oracle's score (answer entropy for honesty; then later iterations first), and adds {@code examples} of the
 * top {@code pool} to each proposer prompt of the next iteration, after the demonstrations. This steers the proposer
 * toward what made the target fail, as DPO does by moving probability mass to the chosen instructions, but it is an
 * <b>approximation of DPO</b>, and the manifest says so.
 *
 * <p>Its state is rebuilt when a resumed run replays earlier iterations, so it needs no journal. Confined to the
 * method's thread.
 */
final class InContextTrainer implements ProposerTrainer {

  private record Ranked(Instruction instruction, double score, int iteration, int order) {}

  private final int examples;
  private final int poolSize;
  private final List<Ranked> failures = new ArrayList<>();

  InContextTrainer(TrainerParams p) {
    this.examples = p.examples();
    this.poolSize = p.pool();
  }

  @Override
  public String name() {
    return "in-context";
  }

  @Override
  public Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files, TrainedModel current) {
    return Optional.empty();
  }

  @Override
  public Optional<TrainedModel> train(TrainingRound round, TrainedModel current) {
    for (TrainingRound.Failure f : round.failures()) {
      failures.add(new Ranked(f.instruction(), f.score(), round.iteration(), failures.size()));
    }
    return Optional.empty();
  }

  @Override
  public List<Instruction> steering(SplittableRandom rng) {
    List<Ranked> ranked = new ArrayList<>(failures);
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed()
        .thenComparing(Comparator.comparingInt(Ranked::iteration).reversed())
        .thenComparingInt(Ranked::order));
    List<Ranked> top = ranked.subList(0, Math.min(poolSize, ranked.size()));
    return Rng.sample(top, examples, rng).stream().map(Ranked::instruction).toList();
  }

  @Override
  public ObjectNode describe() {
    return Json.object().put("type", name()).put("examples", examples).put("pool", poolSize)
        .put("approximation", "approximation of DPO: no weight update; the most failure-inducing instructions found"
            + " so far are added to the proposer's prompts");
  }
}
