package io.synthkit.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A URL query string's parameters (first value of each).
 *
 * @param values name to decoded value
 */
record Query(Map<String, String> values) {

  static Query parse(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.putIfAbsent(name, value);
      }
    }
    return new Query(Map.copyOf(out));
  }

  @Nullable String get(String name) {
    return values.get(name);
  }

  int intValue(String name, int fallback) {
    try {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
