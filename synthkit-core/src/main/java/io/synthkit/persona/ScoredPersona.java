package io.synthkit.persona;

/**
 * One persona returned by {@link PersonaPool#topK}: the text, its position in the pool and its cosine similarity to the
 * topic.
 *
 * @param persona the persona text, as read from the pool
 * @param index the zero-based position in the pool (the line order of the file, blank lines not counted)
 * @param score the cosine similarity to the topic, in [-1, 1]
 */
public record ScoredPersona(String persona, int index, double score) {}
