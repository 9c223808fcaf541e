package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a structured call asks the server for JSON. Servers differ: OpenAI, vLLM, SGLang and llama.cpp accept
 * {@code response_format: json_schema}; Anthropic does it through a forced tool; older servers only understand
 * {@code json_object}; some only follow instructions in the prompt.
 */
public enum StructuredMode {
  /** json_schema for OpenAI-compatible endpoints, tool for Anthropic. */
  AUTO,
  /** {@code response_format: {type: json_schema, json_schema: {name, schema, strict: true}}}. */
  JSON_SCHEMA,
  /** A single forced tool (function) whose parameters are the schema. */
  TOOL,
  /** {@code response_format: {type: json_object}} plus the schema in the prompt. */
  JSON_OBJECT,
  /** The schema in the prompt only; the reply is parsed leniently. */
  PROMPT;

  /**
   * Returns the config spelling.
   *
   * @return for example {@code json_schema}
   */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the config spelling.
   *
   * @param value for example {@code json_schema}
   * @return the mode
   * @throws IllegalArgumentException naming the allowed values
   */
  @JsonCreator
  public static StructuredMode parse(String value) {
    for (StructuredMode m : values()) {
      if (m.wire().equals(value)) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(StructuredMode::wire)
        .collect(Collectors.joining(", ")) + ": " + value);
  }
}
