package io.synthkit.method.reversegen.training;

import java.util.List;

/**
 * What a trainer learns from after one iteration.
 *
 * @param iteration the iteration that produced the data (1-based)
 * @param pairs the iteration's preference pairs
 * @param failures the instructions the target failed on, for trainers that look beyond pairs (in-context)
 * @param files the pairs as files (TRL and OpenAI formats)
 */
public record TrainingRound(int iteration, List<PreferencePair> pairs, List<Failure> failures,
    TrainingFiles.Written files) {

  /**
   * An instruction the target failed on, with the oracle's score (higher: a clearer failure).
   *
   * @param instruction the instruction
   * @param score the score
   */
  public record Failure(Instruction instruction, double score) {}

  /** Copies the lists. */
  public TrainingRound {
    pairs = List.copyOf(pairs);
    failures = List.copyOf(failures);
  }
}
