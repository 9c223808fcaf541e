package io.synthkit.method.reversegen;

import io.synthkit.llm.Prompt;

/**
 * One supervised warm-up example of the proposer: a prompt with three demonstrations and, as the completion, a
 * held-out fourth instruction ({@code preprocess.py}'s {@code {prompt, target}}).
 *
 * @param prompt the proposer prompt
 * @param completion the held-out instruction
 * @param targetId the id of that instruction
 */
record SftExample(Prompt prompt, String completion, String targetId) {}
