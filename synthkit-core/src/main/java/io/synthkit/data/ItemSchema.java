package io.synthkit.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.Schema;
import java.util.List;

/**
 * Builds JSON schemas for user-defined item shapes at run time (the fields of a seed file, a formatting example), in
 * the strict form structured-output APIs accept: every property required, no additional properties.
 */
public final class ItemSchema {

  private ItemSchema() {}

  /**
   * Returns an object schema with the given fields, typed after an example item (strings, numbers, booleans, lists of
   * strings; anything else becomes a string).
   *
   * @param example an item whose field types to copy
   * @param fields the fields, in order
   * @return the object schema
   */
  public static ObjectNode fieldsLike(ObjectNode example, List<String> fields) {
    ObjectNode schema = Json.object().put("type", "object");
    ObjectNode props = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    for (String f : fields) {
      props.set(f, typeOf(example.path(f)));
      required.add(f);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * Wraps an item schema in {@code {"items": [exactly n items]}} (roots must be objects).
   *
   * @param name the schema name
   * @param item the item schema
   * @param n how many items
   * @return the schema
   */
  public static Schema batch(String name, ObjectNode item, int n) {
    ObjectNode root = Json.object().put("type", "object");
    ObjectNode items = root.putObject("properties").putObject("items").put("type", "array");
    items.set("items", item);
    items.put("minItems", n).put("maxItems", n);
    root.putArray("required").add("items");
    root.put("additionalProperties", false);
    return Schema.json(name, root);
  }

  private static ObjectNode typeOf(JsonNode value) {
    ObjectNode t = Json.object();
    if (value.isIntegralNumber()) {
      return t.put("type", "integer");
    }
    if (value.isNumber()) {
      return t.put("type", "number");
    }
    if (value.isBoolean()) {
      return t.put("type", "boolean");
    }
    if (value.isArray()) {
      t.put("type", "array");
      t.set("items", value.isEmpty() ? Json.object().put("type", "string") : typeOf(value.get(0)));
      return t;
    }
    return t.put("type", "string");
  }
}
