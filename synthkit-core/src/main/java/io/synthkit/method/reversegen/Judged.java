package io.synthkit.method.reversegen;

/**
 * A probed instruction with the oracle's decision.
 *
 * @param probe the instruction and the target's response
 * @param verdict the decision
 */
record Judged(Probe probe, Verdict.Judged verdict) {

  /** @return the instruction */
  public Candidate candidate() {
    return probe.candidate();
  }

  /** @return true when the instruction induced a failure */
  public boolean failure() {
    return verdict.failure();
  }
}
