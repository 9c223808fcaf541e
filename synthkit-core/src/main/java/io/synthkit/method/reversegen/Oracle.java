package io.synthkit.method.reversegen;

/**
 * Labels an instruction a failure or success of the target, per task (methods.md §4.4 step 3). Implementations are
 * thread-safe: the method judges many probes concurrently.
 */
sealed interface Oracle permits SafetyOracle, HonestyOracle, MathOracle {

  /**
   * Judges one probe. Model calls use sample keys under {@code probe.candidate().key()}.
   *
   * @param probe the instruction and the target's response
   * @return the verdict
   */
  Verdict judge(Probe probe);
}
