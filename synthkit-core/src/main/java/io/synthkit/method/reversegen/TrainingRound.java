package io.synthkit.method.reversegen;

import java.util.List;

/**
 * What a trainer learns from after one iteration.
 *
 * @param iteration the iteration that produced the data (1-based)
 * @param pairs the iteration's preference pairs
 * @param judged every instruction the oracle decided, for trainers that look beyond pairs (in-context)
 * @param files the pairs as files (TRL and OpenAI formats)
 */
record TrainingRound(int iteration, List<PreferencePair> pairs, List<Judged> judged,
    TrainingFiles.Written files) {

  /** Copies the lists. */
  public TrainingRound {
    pairs = List.copyOf(pairs);
    judged = List.copyOf(judged);
  }
}
