package io.synthkit.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.UncheckedIOException;

/**
 * JSON form of evaluation results, with snake_case names ({@code self_bleu}, {@code remote_clique_data_gen}) like the
 * rest of synthkit's files. Thread-safe.
 */
public final class EvaluationJson {

  private static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationJson() {}

  /**
   * Converts a result to a JSON tree.
   *
   * @param result the result
   * @return the tree
   */
  public static ObjectNode tree(EvaluationResult result) {
    return MAPPER.valueToTree(result);
  }

  /**
   * Writes a result as indented JSON.
   *
   * @param value a result or any tree built from results
   * @return the JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a result written by {@link #write}.
   *
   * @param json the JSON text
   * @return the result
   */
  public static EvaluationResult read(String json) {
    try {
      return MAPPER.readValue(json, EvaluationResult.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
