package io.synthkit.method.reversegen.training;

import io.synthkit.spi.Prompt;

/**
 * One DPO example for the proposer: two completions of the same proposer prompt, the one that made the target fail
 * ({@code chosen}) and one that did not ({@code rejected}).
 *
 * @param iteration the iteration that produced it
 * @param prompt the proposer prompt both completions answer
 * @param chosen the failure-inducing instruction
 * @param rejected the instruction the target handled
 * @param chosenId the record id of the chosen instruction
 * @param rejectedId the record id of the rejected instruction
 */
public record PreferencePair(int iteration, Prompt prompt, String chosen, String rejected, String chosenId,
    String rejectedId) {}
