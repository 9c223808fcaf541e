package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * The {@code data:} section: what the user brings.
 *
 * @param seeds path of the seed or base-data file (JSONL, or plain text with one item per line), relative to the
 *     config file
 * @param description what the dataset is for, in the user's words (shown to the model)
 * @param constraints user constraints every item must satisfy, e.g. "each question shorter than 100 words"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConfig(
    @JsonPropertyDescription("seed/base data file (JSONL or one item per line)") String seeds,
    @JsonPropertyDescription("what the dataset is for") String description,
    @JsonPropertyDescription("constraints every item must satisfy") List<String> constraints) {

  /** Nothing given. */
  public static final DataConfig EMPTY = new DataConfig(null, null, null);

  /** Copies the list. */
  public DataConfig {
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }
}
