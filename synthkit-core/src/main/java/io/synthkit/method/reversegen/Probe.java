package io.synthkit.method.reversegen;

/**
 * An instruction with the target's greedy response to it: what an oracle judges.
 *
 * @param candidate the instruction
 * @param response the target's reply at temperature 0
 */
record Probe(Candidate candidate, String response) {}
