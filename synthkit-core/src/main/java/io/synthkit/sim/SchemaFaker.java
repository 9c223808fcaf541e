package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Produces a random instance of a JSON schema, with placeholder text shaped by property names (a {@code question}
 * ends with "?", a {@code score} respects its bounds, an {@code answer} next to {@code options} is one of them).
 * Handles the subset of JSON Schema that structured-output APIs accept: objects, arrays with min/max items, strings
 * with enums and lengths, numbers with bounds, booleans, {@code $ref} to {@code $defs}, {@code anyOf}/{@code oneOf} and
 * nullable type lists. Not thread-safe; create one per reply.
 */
final class SchemaFaker {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ObjectNode root;
  private final RandomGenerator rng;

  SchemaFaker(ObjectNode root, RandomGenerator rng) {
    this.root = root;
    this.rng = rng;
  }

  JsonNode generate() {
    return value(root, "", 0);
  }

  private JsonNode value(JsonNode schema, String name, int depth) {
    if (depth > 12) {
      return F.nullNode();
    }
    if (schema.has("$ref")) {
      return value(resolve(schema.get("$ref").asText()), name, depth + 1);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum") && !schema.get("enum").isEmpty()) {
      return schema.get("enum").get(rng.nextInt(schema.get("enum").size()));
    }
    for (String key : List.of("anyOf", "oneOf")) {
      if (schema.has(key)) {
        for (JsonNode option : schema.get(key)) {
          if (!"null".equals(option.path("type").asText())) {
            return value(option, name, depth + 1);
          }
        }
        return F.nullNode();
      }
    }
    return switch (type(schema)) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, name, depth);
      case "integer" -> F.numberNode(integer(schema, name));
      case "number" -> F.numberNode(Math.round(number(schema) * 100) / 100.0);
      case "boolean" -> F.booleanNode(rng.nextDouble() < 0.75);
      case "null" -> F.nullNode();
      default -> F.textNode(string(schema, name));
    };
  }

  private String type(JsonNode schema) {
    JsonNode t = schema.get("type");
    if (t == null) {
      return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }
    if (t.isArray()) {
      for (JsonNode each : t) {
        if (!"null".equals(each.asText())) {
          return each.asText();
        }
      }
      return "null";
    }
    return t.asText();
  }

  private ObjectNode object(JsonNode schema, int depth) {
    ObjectNode out = F.objectNode();
    Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> p = it.next();
      out.set(p.getKey(), value(p.getValue(), p.getKey(), depth + 1));
    }
    keepAnswerAmongOptions(out);
    return out;
  }

  /** Multiple-choice items are only useful when the answer is one of the options, so the simulator keeps them so. */
  private void keepAnswerAmongOptions(ObjectNode item) {
    String optionsKey = firstKey(item, "options", "choices", "Options");
    String answerKey = firstKey(item, "answer", "label", "Answer");
    if (optionsKey == null || answerKey == null || !item.get(optionsKey).isArray() || item.get(optionsKey).isEmpty()
        || !item.get(answerKey).isTextual()) {
      return;
    }
    JsonNode options = item.get(optionsKey);
    JsonNode pick = options.get(rng.nextInt(options.size()));
    if (pick.isTextual()) {
      item.put(answerKey, pick.asText());
    }
  }

  private static @Nullable String firstKey(ObjectNode node, String... keys) {
    for (String k : keys) {
      if (node.has(k)) {
        return k;
      }
    }
    return null;
  }

  private ArrayNode array(JsonNode schema, String name, int depth) {
    int min = schema.path("minItems").asInt(1);
    int max = schema.path("maxItems").asInt(Math.max(min, 3));
    int n = min + rng.nextInt(Math.max(1, max - min + 1));
    ArrayNode out = F.arrayNode();
    JsonNode items = schema.path("items");
    String itemName = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    for (int i = 0; i < n; i++) {
      out.add(value(items.isMissingNode() ? F.objectNode().put("type", "string") : items, itemName, depth + 1));
    }
    return out;
  }

  private long integer(JsonNode schema, String name) {
    long min = schema.path("minimum").asLong(name.toLowerCase(Locale.ROOT).contains("score") ? 1 : 0);
    long max = schema.path("maximum").asLong(name.toLowerCase(Locale.ROOT).contains("score") ? 10 : 100);
    if (schema.has("exclusiveMinimum")) {
      min = schema.get("exclusiveMinimum").asLong() + 1;
    }
    if (schema.has("exclusiveMaximum")) {
      max = schema.get("exclusiveMaximum").asLong() - 1;
    }
    return max <= min ? min : min + rng.nextLong(max - min + 1);
  }

  private double number(JsonNode schema) {
    double min = schema.path("minimum").asDouble(0);
    double max = schema.path("maximum").asDouble(100);
    return min + rng.nextDouble() * (max - min);
  }

  private String string(JsonNode schema, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String s;
    if (n.equals("id") || n.endsWith("_id")) {
      s = "sim-" + Long.toString(rng.nextLong(1L << 40), 36);
    } else if (n.contains("question") || n.contains("query")) {
      s = PlaceholderText.sentence(rng, 8, 18) + "?";
    } else if (n.contains("answer") || n.contains("label") || n.contains("category") || n.contains("topic")
        || n.contains("concept") || n.contains("name") || n.contains("persona") || n.contains("entity")) {
      s = PlaceholderText.sentence(rng, 1, 4);
    } else if (n.contains("code")) {
      s = "answer = " + rng.nextInt(1000) + "\nprint(answer)";
    } else {
      s = PlaceholderText.sentence(rng, 8, 24) + ".";
    }
    int minLen = schema.path("minLength").asInt(0);
    int maxLen = schema.path("maxLength").asInt(Integer.MAX_VALUE);
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < minLen) {
      sb.append(' ').append(PlaceholderText.word(rng));
    }
    return sb.length() > maxLen ? sb.substring(0, maxLen) : sb.toString();
  }

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      return F.objectNode();
    }
    JsonNode node = root;
    List<String> parts = new ArrayList<>(List.of(ref.substring(2).split("/")));
    for (String part : parts) {
      node = node.path(part.replace("~1", "/").replace("~0", "~"));
    }
    return node.isMissingNode() ? F.objectNode() : node;
  }
}
