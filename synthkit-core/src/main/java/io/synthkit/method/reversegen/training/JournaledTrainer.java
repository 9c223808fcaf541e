package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Makes a weight-updating trainer durable and skips updates with too little data: each stage's outcome (the model it
 * produced, or why it was skipped) is journaled under {@code trainer/warmup/result} or {@code trainer/iter/N/result};
 * a resumed run replays the outcome instead of training again, so iteration N+1 continues with exactly the model
 * iteration N produced. Confined to the method's thread.
 */
final class JournaledTrainer implements ProposerTrainer {

  private final ProposerTrainer inner;
  private final TrainerJournal journal;
  private final int minPairs;

  JournaledTrainer(ProposerTrainer inner, TrainerJournal journal, int minPairs) {
    this.inner = inner;
    this.journal = journal;
    this.minPairs = minPairs;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files, TrainedModel current) {
    return once("trainer/warmup", current, examples.size(), () -> inner.warmUp(examples, files, current));
  }

  @Override
  public Optional<TrainedModel> train(TrainingRound round, TrainedModel current) {
    String key = "trainer/iter/" + round.iteration();
    if (round.pairs().size() < minPairs) {
      record(key, current, round.pairs().size(), Optional.empty(), "only " + round.pairs().size()
          + " preference pairs (min_pairs " + minPairs + "); the proposer is kept");
      return Optional.empty();
    }
    return once(key, current, round.pairs().size(), () -> inner.train(round, current));
  }

  @Override
  public List<Instruction> steering(SplittableRandom rng) {
    return inner.steering(rng);
  }

  @Override
  public ObjectNode describe() {
    return inner.describe();
  }

  private Optional<TrainedModel> once(String key, TrainedModel current, int examples,
      java.util.function.Supplier<Optional<TrainedModel>> work) {
    Optional<ObjectNode> done = journal.find(key + "/result");
    if (done.isPresent()) {
      return done.get().has("model") ? Optional.of(TrainedModel.fromJson(done.get())) : Optional.empty();
    }
    Optional<TrainedModel> trained = work.get();
    record(key, current, examples, trained, null);
    return trained;
  }

  private void record(String key, TrainedModel from, int examples, Optional<TrainedModel> to,
      @Nullable String skipped) {
    if (journal.find(key + "/result").isPresent()) {
      return;
    }
    ObjectNode data = to.map(TrainedModel::toJson).orElseGet(Json::object);
    data.put("trainer", inner.name()).put("from_model", from.model()).put("examples", examples);
    if (skipped != null) {
      data.put("skipped", skipped);
    }
    journal.record(key + "/result", data);
  }
}
