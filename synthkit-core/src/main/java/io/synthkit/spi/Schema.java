package io.synthkit.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON schema a structured call asks for, with the Java type its replies bind to (or {@link JsonNode} for a schema
 * built at run time, such as the shape of a user's seed file).
 *
 * <p>Schemas derived from records follow OpenAI's strict-mode rules (every property required, no additional
 * properties), which Anthropic tools and vLLM/llama.cpp grammars also accept. Field descriptions come from
 * {@code @JsonPropertyDescription} and reach the model. Thread-safe and cached per type.
 *
 * @param name a short identifier ({@code [a-zA-Z0-9_-]}, as OpenAI requires)
 * @param json the schema; its root is always an object
 * @param type the Java type replies are converted to
 */
public record Schema(String name, ObjectNode json, Class<?> type) {

  private static final Map<Class<?>, Schema> CACHE = new ConcurrentHashMap<>();
  private static final SchemaGenerator GENERATOR = generator();

  /** Validates the name and the root type. */
  public Schema {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("schema name must match [a-zA-Z0-9_-]{1,64}: " + name);
    }
    if (!"object".equals(json.path("type").asText())) {
      throw new IllegalArgumentException("a schema root must be an object (wrap arrays in a property): " + name);
    }
  }

  /**
   * Derives the schema of a record type.
   *
   * @param type a record (or bean) whose JSON form the model must produce
   * @return the cached schema
   */
  public static Schema of(Class<?> type) {
    return CACHE.computeIfAbsent(type, t -> {
      ObjectNode node = GENERATOR.generateSchema(t);
      node.remove("$schema");
      return new Schema(snake(t.getSimpleName()), node, t);
    });
  }

  /**
   * Wraps a schema built at run time; replies bind to {@link JsonNode}.
   *
   * @param name a short identifier
   * @param json an object schema
   * @return the schema
   */
  public static Schema json(String name, ObjectNode json) {
    return new Schema(name, json, JsonNode.class);
  }

  /**
   * Returns the schema as indented text, for prompts that must describe it in words.
   *
   * @return the pretty-printed schema
   */
  public String pretty() {
    return json.toPrettyString();
  }

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
        OptionPreset.PLAIN_JSON)
        .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
        .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
        .without(Option.SCHEMA_VERSION_INDICATOR);
    // OpenAI strict mode wants every property listed as required; optional values are modelled as nullable types.
    builder.forFields().withRequiredCheck(field -> true);
    return new SchemaGenerator(builder.build());
  }

  private static String snake(String simpleName) {
    return simpleName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
