package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/**
 * The solver's reference solution of a math problem ({@code math_gold: solver}).
 *
 * @param solution the step-by-step solution, ending with {@code #### <number>}
 * @param answer the final numerical answer
 */
public record GoldSolution(
    @JsonPropertyDescription("step-by-step solution ending with a line '#### <number>'") String solution,
    @JsonPropertyDescription("the final numerical answer, as a number") BigDecimal answer) {}
