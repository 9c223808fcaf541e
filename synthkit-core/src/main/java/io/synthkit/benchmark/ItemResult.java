package io.synthkit.benchmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One candidate's result on one item.
 *
 * @param id the item id
 * @param response what the candidate answered
 * @param finalAnswer the final answer the judge read in the response, or {@code null} when the verdict did not parse
 * @param verdict {@code correct}, {@code incorrect} or {@code unparseable}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemResult(String id, @Nullable String response,
    @JsonProperty("final_answer") @Nullable String finalAnswer,
    String verdict) {}
