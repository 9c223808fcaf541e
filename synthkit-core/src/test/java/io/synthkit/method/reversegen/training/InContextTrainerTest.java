package io.synthkit.method.reversegen.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The in-context trainer: which failures it keeps, how it ranks them, and how many it hands to each prompt. */
class InContextTrainerTest {

  private static final TrainingFiles.Written NO_FILES = new TrainingFiles.Written(Path.of("a"), Path.of("b"));
  private static final TrainedModel BASE = new TrainedModel("base", null);

  private static InContextTrainer trainer(int examples, int pool) {
    return new InContextTrainer(new TrainerParams(null, null, null, null, null, null, null, null, null, examples,
        pool));
  }

  private static TrainingRound round(int iteration, TrainingRound.Failure... failures) {
    return new TrainingRound(iteration, List.of(), List.of(failures), NO_FILES);
  }

  private static TrainingRound.Failure failure(String id, double score) {
    return new TrainingRound.Failure(new Instruction(id, "text of " + id), score);
  }

  private static List<String> ids(List<Instruction> instructions) {
    return instructions.stream().map(Instruction::id).toList();
  }

  @Test
  void beforeAnyFailure_steersWithNothing_andNeverChangesTheModel() {
    InContextTrainer t = trainer(3, 20);
    assertThat(t.steering(new SplittableRandom(1))).isEmpty();
    assertThat(t.warmUp(List.of(), NO_FILES, BASE)).isEmpty();
    assertThat(t.train(round(1, failure("a", 1)), BASE)).isEmpty();
    assertThat(t.name()).isEqualTo("in-context");
  }

  @Test
  void pool_keepsTheHighestScores_thenLaterIterations_thenFirstFound() {
    InContextTrainer t = trainer(10, 3);
    t.train(round(1, failure("low", 0.1), failure("mid-old", 0.5), failure("top", 0.9)), BASE);
    t.train(round(2, failure("mid-new", 0.5), failure("mid-new-second", 0.5), failure("lowest", 0.05)), BASE);
    // Pool 3 of 6: top (0.9), then of the three 0.5s the two from iteration 2, the first of them found first.
    assertThat(ids(t.steering(new SplittableRandom(7)))).containsExactlyInAnyOrder("top", "mid-new",
        "mid-new-second");
    InContextTrainer wider = trainer(10, 4);
    wider.train(round(1, failure("low", 0.1), failure("mid-old", 0.5), failure("top", 0.9)), BASE);
    wider.train(round(2, failure("mid-new", 0.5), failure("mid-new-second", 0.5), failure("lowest", 0.05)), BASE);
    assertThat(ids(wider.steering(new SplittableRandom(7)))).containsExactlyInAnyOrder("top", "mid-new",
        "mid-new-second", "mid-old");
  }

  @Test
  void tiesOnScoreAndIteration_keepTheOrderFound() {
    InContextTrainer t = trainer(10, 1);
    t.train(round(1, failure("first", 0.5), failure("second", 0.5)), BASE);
    assertThat(ids(t.steering(new SplittableRandom(3)))).containsExactly("first");
    InContextTrainer two = trainer(10, 2);
    two.train(round(1, failure("first", 0.5), failure("second", 0.5), failure("third", 0.5)), BASE);
    assertThat(ids(two.steering(new SplittableRandom(3)))).containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void eachPrompt_getsExamplesDrawnFromThePool() {
    InContextTrainer t = trainer(2, 4);
    t.train(round(1, failure("a", 4), failure("b", 3), failure("c", 2), failure("d", 1), failure("e", 0.5)), BASE);
    for (int seed = 0; seed < 20; seed++) {
      List<String> drawn = ids(t.steering(new SplittableRandom(seed)));
      assertThat(drawn).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c", "d");
    }
    InContextTrainer none = trainer(0, 4);
    none.train(round(1, failure("a", 1)), BASE);
    assertThat(none.steering(new SplittableRandom(1))).isEmpty();
  }

  @Test
  void describe_saysItApproximatesDpo() {
    assertThat(Json.write(trainer(2, 5).describe())).startsWith(
        "{\"type\":\"in-context\",\"examples\":2,\"pool\":5,\"approximation\":\"approximation of DPO: no weight"
            + " update;");
  }
}
