package io.synthkit.method.reversegen.training;

import io.synthkit.spi.Prompt;

/**
 * One supervised warm-up example of the proposer: a prompt with three demonstrations and, as the completion, a
 * held-out fourth instruction ({@code preprocess.py}'s {@code {prompt, target}}).
 *
 * @param prompt the proposer prompt
 * @param completion the held-out instruction
 * @param targetId the id of that instruction
 */
public record SftExample(Prompt prompt, String completion, String targetId) {}
