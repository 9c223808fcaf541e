package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.Prompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The journaling wrapper: too few pairs skip training, each stage trains once, and a replay reads the journal. */
class JournaledTrainerTest {

  private static final TrainingFiles.Written FILES = new TrainingFiles.Written(Path.of("t"), Path.of("o"));
  private static final TrainedModel BASE = new TrainedModel("base", null);

  /** A weight-updating trainer that names each model after the call that made it. */
  private static final class Counting implements ProposerTrainer {
    final List<String> calls = new ArrayList<>();

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files,
        TrainedModel current) {
      calls.add("warmup from " + current.model());
      return Optional.of(new TrainedModel("warm", "http://host/v1"));
    }

    @Override
    public Optional<TrainedModel> train(TrainingRound round, TrainedModel current) {
      calls.add("train " + round.iteration() + " from " + current.model());
      return Optional.of(new TrainedModel("dpo-" + round.iteration(), null));
    }

    @Override
    public List<Instruction> steering(SplittableRandom rng) {
      return List.of(new Instruction("seed-0", "steer"));
    }

    @Override
    public ObjectNode describe() {
      return Json.object().put("type", "counting");
    }
  }

  private final Counting inner = new Counting();
  private final MemoryJournal memory = new MemoryJournal();

  private JournaledTrainer trainer(int minPairs) {
    return new JournaledTrainer(inner, memory.journal, minPairs);
  }

  private static TrainingRound round(int iteration, int pairs) {
    List<PreferencePair> list = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      list.add(new PreferencePair(iteration, Prompt.user("p" + i), "c" + i, "r" + i, "c-id", "r-id"));
    }
    return new TrainingRound(iteration, list, List.of(), FILES);
  }

  @Test
  void delegates_nameSteeringAndDescription() {
    JournaledTrainer t = trainer(1);
    assertThat(t.name()).isEqualTo("counting");
    assertThat(t.steering(new SplittableRandom(1))).extracting(Instruction::text).containsExactly("steer");
    assertThat(Json.write(t.describe())).isEqualTo("{\"type\":\"counting\"}");
  }

  @Test
  void fewerPairsThanTheMinimum_keepsTheProposer_andJournalsWhy() {
    assertThat(trainer(3).train(round(1, 2), BASE)).isEmpty();
    assertThat(inner.calls).isEmpty();
    assertThat(Json.parse(memory.store.get("trainer/iter/1/result")).toString()).isEqualTo(
        "{\"trainer\":\"counting\",\"from_model\":\"base\",\"examples\":2,\"skipped\":\"only 2 preference pairs"
            + " (min_pairs 3); the proposer is kept\"}");
    assertThat(memory.events).singleElement().asString().startsWith("trainer/iter/1/result trainer {");
  }

  @Test
  void exactlyTheMinimum_trains_andJournalsTheModel() {
    assertThat(trainer(3).train(round(2, 3), BASE)).contains(new TrainedModel("dpo-2", null));
    assertThat(inner.calls).containsExactly("train 2 from base");
    assertThat(Json.parse(memory.store.get("trainer/iter/2/result")).toString()).isEqualTo(
        "{\"model\":\"dpo-2\",\"trainer\":\"counting\",\"from_model\":\"base\",\"examples\":3}");
  }

  @Test
  void replayedStage_returnsTheJournaledOutcome_withoutTrainingOrWritingAgain() {
    JournaledTrainer first = trainer(1);
    first.warmUp(List.of(new SftExample(Prompt.user("p"), "held out", "seed-3")), FILES, BASE);
    first.train(round(1, 1), new TrainedModel("warm", "http://host/v1"));
    int writes = memory.writes;

    JournaledTrainer resumed = trainer(1);
    assertThat(resumed.warmUp(List.of(), FILES, BASE)).contains(new TrainedModel("warm", "http://host/v1"));
    assertThat(resumed.train(round(1, 1), BASE)).contains(new TrainedModel("dpo-1", null));
    assertThat(inner.calls).containsExactly("warmup from base", "train 1 from warm");
    assertThat(memory.writes).isEqualTo(writes).isEqualTo(2);
    assertThat(Json.parse(memory.store.get("trainer/warmup/result")).path("examples").asInt()).isEqualTo(1);
  }

  @Test
  void replayedSkip_staysSkipped_evenWithEnoughPairsNow() {
    trainer(5).train(round(1, 1), BASE);
    assertThat(trainer(1).train(round(1, 6), BASE)).isEmpty();
    assertThat(inner.calls).isEmpty();
    assertThat(memory.writes).isEqualTo(1);
  }

  @Test
  void aSkipAlreadyJournaled_isNotWrittenAgain() {
    trainer(5).train(round(1, 1), BASE);
    trainer(5).train(round(1, 1), BASE);
    assertThat(memory.writes).isEqualTo(1);
    assertThat(memory.events).hasSize(1);
  }
}
