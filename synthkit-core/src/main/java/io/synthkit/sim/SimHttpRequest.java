package io.synthkit.sim;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the simulator's handlers see it, independent of the server underneath.
 *
 * @param method the method, upper case
 * @param path the raw path, e.g. {@code /v1/chat/completions}
 * @param query the raw query string, or an empty string
 * @param headers header names in lower case to their (first) value
 * @param body the request body
 */
record SimHttpRequest(String method, String path, String query, Map<String, String> headers, byte[] body) {

  /** Returns a header value by case-insensitive name, or {@code null}. */
  @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
