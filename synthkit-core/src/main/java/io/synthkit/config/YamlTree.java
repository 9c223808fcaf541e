package io.synthkit.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads YAML into a JSON tree and remembers the line of every key, so configuration errors can say
 * "quickstart.yaml:12: models.default.temperature: ...". Not thread-safe; one instance per document.
 */
final class YamlTree {

  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<String, Integer> lines = new HashMap<>();
  private final String source;

  private YamlTree(String source) {
    this.source = source;
  }

  /**
   * Parses a YAML document whose root must be a mapping.
   *
   * @param text the YAML text
   * @param source the file name for messages
   * @return the parsed tree with its line map
   */
  static Parsed parse(String text, String source) {
    YamlTree reader = new YamlTree(source);
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Parsed(F.objectNode(), reader.lines);
      }
      if (t != JsonToken.START_OBJECT) {
        throw SynthkitException.input(source + ":" + p.currentLocation().getLineNr()
            + ": the config must be a YAML mapping (key: value lines)");
      }
      return new Parsed(reader.object(p, ""), reader.lines);
    } catch (IOException e) {
      throw YamlSyntax.error(source, text, e);
    }
  }

  /**
   * A parsed document.
   *
   * @param tree the JSON tree
   * @param lines dotted key path to 1-based line number
   */
  record Parsed(ObjectNode tree, Map<String, Integer> lines) {}

  private ObjectNode object(JsonParser p, String path) throws IOException {
    ObjectNode out = F.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      String child = path.isEmpty() ? key : path + "." + key;
      lines.put(child, p.currentLocation().getLineNr());
      if (out.has(key)) {
        throw SynthkitException.input(source + ":" + p.currentLocation().getLineNr() + ": " + child
            + " is given twice");
      }
      p.nextToken();
      out.set(key, value(p, child));
    }
    return out;
  }

  private ArrayNode array(JsonParser p, String path) throws IOException {
    ArrayNode out = F.arrayNode();
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String child = path + "[" + i++ + "]";
      lines.put(child, p.currentLocation().getLineNr());
      out.add(value(p, child));
    }
    return out;
  }

  private JsonNode value(JsonParser p, String path) throws IOException {
    return switch (p.currentToken()) {
      case START_OBJECT -> object(p, path);
      case START_ARRAY -> array(p, path);
      case VALUE_STRING -> F.textNode(p.getText());
      case VALUE_NUMBER_INT -> F.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> F.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> F.booleanNode(true);
      case VALUE_FALSE -> F.booleanNode(false);
      case VALUE_NULL -> F.nullNode();
      default -> throw SynthkitException.input(source + ":" + p.currentLocation().getLineNr() + ": " + path
          + ": unsupported YAML value");
    };
  }
}
