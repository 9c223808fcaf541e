package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.synthkit.spi.Schema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates model replies against their {@link Schema} and phrases the errors so a model can fix them when re-asked
 * ("/answer: string found, integer expected"). Compiled schemas are cached; thread-safe.
 */
public final class SchemaValidator {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<JsonNode, com.networknt.schema.Schema> COMPILED = new ConcurrentHashMap<>();

  private SchemaValidator() {}

  /**
   * Validates a value.
   *
   * @param schema the expected schema
   * @param value the parsed reply
   * @return the error messages, empty when the value is valid
   */
  public static List<String> validate(Schema schema, JsonNode value) {
    com.networknt.schema.Schema compiled = COMPILED.computeIfAbsent(schema.json(), REGISTRY::getSchema);
    List<Error> errors = compiled.validate(value);
    return errors.stream().map(SchemaValidator::describe).distinct().limit(20).toList();
  }

  private static String describe(Error error) {
    String where = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    if (where.isEmpty() || "$".equals(where) || message.startsWith(where)) {
      return message;
    }
    return where + ": " + message;
  }
}
