package io.synthkit.method.reversegen.training;

/**
 * One instruction of the user's instruction set, shown to the proposer as a demonstration.
 *
 * @param id {@code seed-N} (0-based file order)
 * @param text the instruction as the proposer sees it (for honesty: question, options and answer line)
 */
public record Instruction(String id, String text) {}
