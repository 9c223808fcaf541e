package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a run's configuration a method or stage may read beyond its own parameter record: the {@code data:}
 * section, other named sections, and where keys and files are, for precise error messages. Immutable.
 */
public interface ConfigView {

  /**
   * Returns the run's name.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the {@code data:} section.
   *
   * @return the seeds, description and constraints
   */
  DataConfig data();

  /**
   * Binds a top-level section to a record type (its defaults when the section is absent).
   *
   * @param section the section name, e.g. {@code personas}
   * @param type the record type
   * @param <T> the type
   * @return the bound value
   * @throws SynthkitException (exit 2) naming the key when a value does not fit
   */
  <T> T bind(String section, Class<T> type);

  /**
   * Returns a top-level section as a JSON tree (for example a list of quality stages).
   *
   * @param key the section key
   * @return the section, or a missing node
   */
  JsonNode section(String key);

  /**
   * Binds any part of the config tree to a record type, with file and line in error messages.
   *
   * @param node the subtree, possibly {@code null} (the record's defaults)
   * @param type the record type
   * @param path its dotted key path, for messages
   * @param <T> the type
   * @return the bound value
   * @throws SynthkitException (exit 2) naming the key when a value does not fit
   */
  <T> T bind(@Nullable JsonNode node, Class<T> type, String path);

  /**
   * Returns the provider a model role talks to, after the fallback to {@code models.default}: for checks such as "this
   * role must offer fine-tuning" before a run starts.
   *
   * @param role the role name
   * @return {@code openai}, {@code anthropic} or {@code simulated}
   */
  String provider(String role);

  /**
   * Returns the {@code retrieval:} section.
   *
   * @return the section, or {@code null} when the run has none
   */
  @Nullable RetrievalConfig retrieval();

  /**
   * Describes where a key is, as a prefix for error messages: {@code "quickstart.yaml:12: data.seeds: "}.
   *
   * @param key a dotted key
   * @return the prefix, ending in a space
   */
  String at(String key);

  /**
   * Resolves a path written in the config against the config file's directory.
   *
   * @param path as written
   * @return the absolute path
   */
  Path resolve(String path);

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
      @JsonPropertyDescription("seed/base data file (JSONL or one item per line)") @Nullable String seeds,
      @JsonPropertyDescription("what the dataset is for") @Nullable String description,
      @JsonPropertyDescription("constraints every item must satisfy") List<String> constraints) {

    /** Nothing given. */
    public static final DataConfig EMPTY = new DataConfig(null, null, List.of());

    /** Copies the list. */
    public DataConfig {
      constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
  }
}
