package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a fine-tuning training file line by line, the way OpenAI's file validation does before a job may start:
 *
 * <ul>
 *   <li>{@code supervised}: {@code {"messages": [{role, content}, ...]}} with at least one assistant message;
 *   <li>{@code dpo}: {@code {"input": {"messages": [...]}, "preferred_output": [one assistant message],
 *       "non_preferred_output": [one assistant message]}}.
 * </ul>
 *
 * <p>Like OpenAI it requires at least {@value #MIN_EXAMPLES} examples. Stateless and thread-safe.
 */
final class TrainingFileFormat {

  /** OpenAI rejects training files with fewer examples. */
  static final int MIN_EXAMPLES = 10;

  private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

  private TrainingFileFormat() {}

  /**
   * Validates a training file for a fine-tuning method.
   *
   * @param method {@code supervised} or {@code dpo}
   * @param content the file's bytes (JSON Lines)
   * @return {@code null} when valid, else what is wrong, naming the line
   */
  static @Nullable String problem(String method, byte[] content) {
    String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
    int examples = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode row;
      try {
        row = Json.MAPPER.readTree(lines[i]);
      } catch (java.io.IOException e) {
        return "line " + (i + 1) + ": not valid JSON";
      }
      String bad = method.equals("dpo") ? dpo(row) : supervised(row);
      if (bad != null) {
        return "line " + (i + 1) + ": " + bad;
      }
      examples++;
    }
    if (examples < MIN_EXAMPLES) {
      return "the training file has " + examples + " example(s), but must have at least " + MIN_EXAMPLES;
    }
    return null;
  }

  private static @Nullable String supervised(JsonNode row) {
    String bad = messages(row.path("messages"), "messages");
    if (bad != null) {
      return bad;
    }
    for (JsonNode m : row.path("messages")) {
      if (m.path("role").asText().equals("assistant")) {
        return null;
      }
    }
    return "messages has no assistant message to learn from";
  }

  private static @Nullable String dpo(JsonNode row) {
    if (!row.path("input").isObject()) {
      return "missing input object (expected {\"input\": {\"messages\": [...]}, \"preferred_output\": [...],"
          + " \"non_preferred_output\": [...]})";
    }
    String bad = messages(row.path("input").path("messages"), "input.messages");
    if (bad != null) {
      return bad;
    }
    for (String field : new String[] {"preferred_output", "non_preferred_output"}) {
      JsonNode out = row.path(field);
      if (!out.isArray() || out.size() != 1 || !out.get(0).path("role").asText().equals("assistant")
          || !out.get(0).path("content").isTextual()) {
        return field + " must be a list of exactly one assistant message with string content";
      }
    }
    return null;
  }

  private static @Nullable String messages(JsonNode messages, String name) {
    if (!messages.isArray() || messages.isEmpty()) {
      return name + " must be a non-empty list";
    }
    for (JsonNode m : messages) {
      if (!ROLES.contains(m.path("role").asText())) {
        return name + " has a message with an invalid role: " + m.path("role");
      }
      if (!m.path("content").isTextual()) {
        return name + " has a message whose content is not a string";
      }
    }
    return null;
  }
}
