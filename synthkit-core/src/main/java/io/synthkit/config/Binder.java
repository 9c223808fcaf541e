package io.synthkit.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.synthkit.spi.SynthkitException;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Binds a config section to its record type strictly (unknown keys and wrong types are errors) and turns Jackson's
 * exceptions into one-line messages: {@code quickstart.yaml:9: models.default.temprature: unknown key; allowed: ...}.
 * Thread-safe.
 */
public final class Binder {

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private final String source;
  private final Map<String, Integer> lines;

  /**
   * Creates a binder that reports errors against a file.
   *
   * @param source the config file name
   * @param lines key path to line number
   */
  public Binder(String source, Map<String, Integer> lines) {
    this.source = source;
    this.lines = lines;
  }

  /**
   * A binder for configs built in code (no file, no lines).
   *
   * @return the binder
   */
  public static Binder inMemory() {
    return new Binder("config", Map.of());
  }

  /**
   * Binds a section.
   *
   * @param node the section's tree ({@code null} or missing binds an empty object)
   * @param type the record type
   * @param path the section's key path, e.g. {@code models.default}
   * @param <T> the type
   * @return the bound value
   * @throws SynthkitException naming file, line, key and what is allowed
   */
  public <T> T bind(@Nullable JsonNode node, Class<T> type, String path) {
    JsonNode input = node == null || node.isMissingNode() || node.isNull() ? STRICT.createObjectNode() : node;
    try {
      return STRICT.treeToValue(input, type);
    } catch (UnrecognizedPropertyException e) {
      String key = join(path, e);
      String allowed = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(String::valueOf)
          .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
      throw SynthkitException.input(at(key) + "unknown key" + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
    } catch (InvalidFormatException e) {
      throw SynthkitException.input(at(join(path, e)) + "'" + e.getValue() + "' is not a valid "
          + friendly(e.getTargetType()));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw SynthkitException.input(at(join(path, e)) + cause.getMessage());
    } catch (MismatchedInputException e) {
      JsonNode bad = valueAt(input, e);
      // A key left out (say --set price.input_per_mtok alone) is missing, not a value of the wrong type.
      throw SynthkitException.input(at(join(path, e)) + (bad == null || bad.isMissingNode()
          ? "missing; expected " + friendly(e.getTargetType())
          : bad.isContainerNode() ? "expected " + friendly(e.getTargetType())
          : "'" + bad.asText() + "' is not a valid " + friendly(e.getTargetType())));
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw SynthkitException.input(at(join(path, e)) + firstLine(cause.getMessage()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw SynthkitException.input(at(path) + firstLine(e.getOriginalMessage()));
    } catch (IllegalArgumentException e) {
      throw SynthkitException.input(at(path) + firstLine(e.getMessage()));
    }
  }

  /**
   * Formats the location prefix of a message.
   *
   * @param path a dotted key path
   * @return {@code file:line: path: } (line when known)
   */
  public String at(String path) {
    Integer line = lines.get(path);
    String where = line == null ? source : source + ":" + line;
    return where + ": " + (path.isEmpty() ? "" : path + ": ");
  }

  private static JsonNode valueAt(JsonNode input, JsonMappingException e) {
    JsonNode n = input;
    for (JsonMappingException.Reference ref : e.getPath()) {
      n = ref.getFieldName() != null ? n.path(ref.getFieldName()) : n.path(ref.getIndex());
    }
    return n;
  }

  private static String join(String base, JsonMappingException e) {
    StringBuilder sb = new StringBuilder(base);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String friendly(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class) {
      return "number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean (true or false)";
    }
    if (type == String.class) {
      return "string";
    }
    if (java.util.List.class.isAssignableFrom(type)) {
      return "list";
    }
    if (type.isEnum()) {
      return "value";
    }
    return "mapping (key: value lines)";
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "invalid value";
    }
    String line = s.lines().findFirst().orElse(s);
    int at = line.indexOf(" (through reference chain");
    return at > 0 ? line.substring(0, at) : line;
  }
}
