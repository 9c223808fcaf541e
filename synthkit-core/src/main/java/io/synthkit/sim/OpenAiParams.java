package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Parameter checks worded the way OpenAI words them ({@code Invalid 'temperature': decimal above maximum value...}),
 * each throwing {@link Rejected} with a 400 that names the parameter. Stateless.
 */
final class OpenAiParams {

  private OpenAiParams() {}

  static Rejected missing(String param) {
    return new Rejected(ApiError.invalid(Api.OPENAI, "Missing required parameter: '" + param + "'.", param,
        "missing_required_parameter"));
  }

  static Rejected wrongType(String param, String expected, JsonNode got) {
    return new Rejected(ApiError.invalid(Api.OPENAI, "Invalid type for '" + param + "': expected " + expected
        + ", but got " + kind(got) + " instead.", param, "invalid_type"));
  }

  static Rejected badValue(String param, String got, List<String> supported) {
    return new Rejected(ApiError.invalid(Api.OPENAI, "Invalid value: '" + got + "'. Supported values are: "
        + oxford(supported) + ".", param, "invalid_value"));
  }

  static Rejected invalid(@Nullable String param, String message) {
    return new Rejected(ApiError.invalid(Api.OPENAI, message, param, null));
  }

  /** A number in [min, max], or absent. */
  static void decimal(JsonNode body, String param, double min, double max) {
    JsonNode v = body.get(param);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isNumber()) {
      throw wrongType(param, "a decimal", v);
    }
    bounds(param, v, "decimal", min, max);
  }

  /** An integer in [min, max], or absent. */
  static void integer(JsonNode body, String param, long min, long max) {
    JsonNode v = body.get(param);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isIntegralNumber()) {
      throw wrongType(param, "an integer", v);
    }
    bounds(param, v, "integer", min, max);
  }

  static void bool(JsonNode body, String param) {
    JsonNode v = body.get(param);
    if (v != null && !v.isNull() && !v.isBoolean()) {
      throw wrongType(param, "a boolean", v);
    }
  }

  static void string(JsonNode body, String param) {
    JsonNode v = body.get(param);
    if (v != null && !v.isNull() && !v.isTextual()) {
      throw wrongType(param, "a string", v);
    }
  }

  static void object(JsonNode body, String param) {
    JsonNode v = body.get(param);
    if (v != null && !v.isNull() && !v.isObject()) {
      throw wrongType(param, "an object", v);
    }
  }

  /** One of the given strings, or absent. */
  static void oneOf(JsonNode body, String param, List<String> values) {
    JsonNode v = body.get(param);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isTextual()) {
      throw wrongType(param, "a string", v);
    }
    if (!values.contains(v.asText())) {
      throw badValue(param, v.asText(), values);
    }
  }

  private static void bounds(String param, JsonNode v, String kind, double min, double max) {
    double d = v.asDouble();
    String shown = v.isIntegralNumber() ? Long.toString(v.asLong()) : v.asText();
    if (d < min) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid '" + param + "': " + kind + " below minimum value."
          + " Expected a value >= " + number(min) + ", but got " + shown + " instead.", param,
          kind + "_below_min_value"));
    }
    if (d > max) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid '" + param + "': " + kind + " above maximum value."
          + " Expected a value <= " + number(max) + ", but got " + shown + " instead.", param,
          kind + "_above_max_value"));
    }
  }

  static String kind(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "null";
    }
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isIntegralNumber()) {
      return "an integer";
    }
    if (v.isNumber()) {
      return "a decimal";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    return v.isArray() ? "an array" : "an object";
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String oxford(List<String> values) {
    List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
    if (quoted.size() <= 2) {
      return String.join(" and ", quoted);
    }
    return quoted.subList(0, quoted.size() - 1).stream().collect(Collectors.joining(", ")) + ", and "
        + quoted.get(quoted.size() - 1);
  }
}
