package io.synthkit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The shared Jackson mappers. {@link #MAPPER} is strict and writes compact JSON (one record per JSONL line);
 * {@link #LENIENT} also accepts the habits of language models (trailing commas, single quotes, comments).
 *
 * <p>Both mappers are thread-safe once built.
 */
public final class Json {

  /**
   * Jackson's default buffer recycling is per thread, which recycles nothing when every call runs on a fresh virtual
   * thread; a shared pool keeps buffer allocation off the hot path of the gateway and the simulator.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

  /** Strict mapper for our own files: unknown properties are ignored only where a type says so. */
  public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  /** Mapper for model replies: tolerates trailing commas, single quotes, comments and raw control characters. */
  public static final ObjectMapper LENIENT = JsonMapper.builder(JsonFactory.builder()
          .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}

  /**
   * Returns a new empty object node.
   *
   * @return an empty {@link ObjectNode}
   */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Returns a new empty array node.
   *
   * @return an empty {@link ArrayNode}
   */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * Serializes a value as compact JSON on one line.
   *
   * @param value any Jackson-serializable value
   * @return its JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serializes a value as compact UTF-8 JSON bytes (no intermediate String).
   *
   * @param value any Jackson-serializable value
   * @return its JSON bytes
   */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Serializes a value as indented JSON for files people read.
   *
   * @param value any Jackson-serializable value
   * @return its pretty-printed JSON text
   */
  public static String pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses strict JSON text.
   *
   * @param text JSON text
   * @return the tree
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Converts a tree or value into another type.
   *
   * @param value the source value
   * @param type the target type
   * @param <T> the target type
   * @return the converted value
   */
  public static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  /**
   * Converts a value into a tree.
   *
   * @param value the source value
   * @return its JSON tree
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Describes a JSON syntax error for a person: Jackson's own problem text without its source and location
   * boilerplate (the caller says where), e.g. {@code unexpected end of input: the object opened at column 1 is not
   * closed}.
   *
   * @param e the parse error
   * @return one line
   */
  public static String problem(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    m = m.lines().findFirst().orElse(m);
    // Jackson appends "(start marker at [Source: REDACTED (...); line: 1, column: 1])" and similar.
    m = m.replaceAll("\\s*\\(?start marker at \\[Source:[^\\]]*\\]\\)?", "");
    m = m.replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
    m = m.replaceAll("\\[Source:[^\\]]*\\]", "");
    return m.strip();
  }
}
