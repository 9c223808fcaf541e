package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Updates ReverseGen's proposer between iterations (methods.md §4.4 step 5). Three implementations:
 * {@link OpenAiFineTuneTrainer} (DPO jobs on an OpenAI-compatible fine-tuning API), {@link CommandTrainer} (the
 * user's own training script) and {@link InContextTrainer} (no weight update: failure-inducing examples steer the
 * prompts). Weight updates are made durable by {@link JournaledTrainer}.
 */
public interface ProposerTrainer {

  /**
   * Returns the trainer's config name.
   *
   * @return {@code in-context}, {@code openai-finetune} or {@code command}
   */
  String name();

  /**
   * Runs the supervised warm-up on (prompt, held-out instruction) examples.
   *
   * @param examples the warm-up set
   * @param files the same set as files
   * @param current the proposer before
   * @return the warmed-up model, or empty to keep the current one
   */
  Optional<TrainedModel> warmUp(List<SftExample> examples, TrainingFiles.Written files, TrainedModel current);

  /**
   * Learns from one iteration's feedback.
   *
   * @param round the iteration's pairs and judged instructions
   * @param current the proposer that produced them
   * @return the updated model, or empty to keep the current one
   */
  Optional<TrainedModel> train(TrainingRound round, TrainedModel current);

  /**
   * Returns extra demonstrations for one proposer prompt of the next iteration.
   *
   * @param rng the prompt's labelled generator
   * @return the examples (empty for trainers that update weights)
   */
  List<Instruction> steering(SplittableRandom rng);

  /**
   * Describes the trainer for the manifest summary.
   *
   * @return its type and settings, and whether it approximates DPO
   */
  ObjectNode describe();
}
