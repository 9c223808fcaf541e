package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The checker's verdict on a proposed instruction ({@code quality_filter: true}).
 *
 * @param reasoning a short justification, written before the verdict
 * @param valid whether the instruction is usable
 */
public record QualityVerdict(
    @JsonPropertyDescription("one or two sentences of reasoning, written first") String reasoning,
    @JsonPropertyDescription("true if the item is usable") boolean valid) {}
