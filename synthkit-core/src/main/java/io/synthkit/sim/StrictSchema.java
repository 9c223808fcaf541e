package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's rules for {@code strict: true} schemas (Structured Outputs and strict function calling): the root is an
 * object, and every object lists all of its properties in {@code required} and sets {@code additionalProperties:
 * false}. A schema that breaks them is refused before generation, with the context where it happened, e.g.
 * {@code In context=('properties', 'address'), 'additionalProperties' is required to be supplied and to be false}.
 * Stateless.
 */
final class StrictSchema {

  private StrictSchema() {}

  /**
   * Finds the first rule a strict schema breaks.
   *
   * @param schema the schema
   * @return the problem, or {@code null} when the schema is acceptable
   */
  static @Nullable String problem(JsonNode schema) {
    if (!schema.isObject()) {
      return "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + schema.getNodeType() + "\"'.";
    }
    if (!"object".equals(schema.path("type").asText())) {
      return "schema must be a JSON Schema of 'type: \"object\"', got 'type: \"" + schema.path("type").asText("None")
          + "\"'.";
    }
    return walk(schema, new ArrayList<>());
  }

  private static @Nullable String walk(JsonNode node, List<String> context) {
    if (!node.isObject()) {
      return null;
    }
    if (isObjectSchema(node)) {
      JsonNode additional = node.get("additionalProperties");
      if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
        return in(context) + "'additionalProperties' is required to be supplied and to be false.";
      }
      List<String> missing = new ArrayList<>();
      node.path("properties").fieldNames().forEachRemaining(name -> {
        if (!contains(node.path("required"), name)) {
          missing.add(name);
        }
      });
      if (!missing.isEmpty()) {
        return in(context) + "'required' is required to be supplied and to be an array including every key in"
            + " properties. Missing '" + missing.get(0) + "'.";
      }
    }
    for (String container : List.of("properties", "$defs", "definitions")) {
      Iterator<java.util.Map.Entry<String, JsonNode>> it = node.path(container).fields();
      while (it.hasNext()) {
        var e = it.next();
        String p = descend(e.getValue(), context, container, e.getKey());
        if (p != null) {
          return p;
        }
      }
    }
    if (node.has("items")) {
      String p = descend(node.get("items"), context, "items", null);
      if (p != null) {
        return p;
      }
    }
    for (String combinator : List.of("anyOf", "allOf")) {
      int i = 0;
      for (JsonNode option : node.path(combinator)) {
        String p = descend(option, context, combinator, Integer.toString(i++));
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }

  private static @Nullable String descend(JsonNode child, List<String> context, String key,
      @Nullable String name) {
    List<String> deeper = new ArrayList<>(context);
    deeper.add(key);
    if (name != null) {
      deeper.add(name);
    }
    return walk(child, deeper);
  }

  private static boolean isObjectSchema(JsonNode node) {
    JsonNode t = node.get("type");
    if (t != null && t.isTextual()) {
      return t.asText().equals("object");
    }
    if (t != null && t.isArray()) {
      return contains(t, "object");
    }
    return node.has("properties");
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode v : array) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String in(List<String> context) {
    StringBuilder sb = new StringBuilder("In context=(");
    for (int i = 0; i < context.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(context.get(i)).append('\'');
    }
    return sb.append("), ").toString();
  }
}
