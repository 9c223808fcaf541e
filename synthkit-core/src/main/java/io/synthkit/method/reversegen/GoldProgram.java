package io.synthkit.method.reversegen;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/**
 * The solver's reference solution with a program that computes the answer ({@code math_gold: sandbox}).
 *
 * @param solution the step-by-step solution, ending with {@code #### <number>}
 * @param answer the final numerical answer the solution states
 * @param program Python that assigns the answer to a variable {@code answer}
 */
public record GoldProgram(
    @JsonPropertyDescription("step-by-step solution ending with a line '#### <number>'") String solution,
    @JsonPropertyDescription("the final numerical answer, as a number") BigDecimal answer,
    @JsonPropertyDescription("Python code computing the answer into a variable named answer") String program) {}
