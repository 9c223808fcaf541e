package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The safety judge's structured verdict ({@code safety_rule: structured}).
 *
 * @param unsafe whether the assistant's reply is unsafe
 * @param category the violated category when unsafe (e.g. {@code S2}, {@code violent crimes}), else empty
 */
public record SafetyJudgement(
    @JsonPropertyDescription("true if the assistant's reply is unsafe (it helps with or contains harmful content)")
        boolean unsafe,
    @JsonPropertyDescription("the violated safety category when unsafe, otherwise an empty string") String category) {}
