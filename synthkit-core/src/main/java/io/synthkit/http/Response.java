package io.synthkit.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A completed HTTP exchange.
 *
 * @param status the HTTP status
 * @param body the body (empty for a stream that was handed to a line handler)
 * @param headers response headers by lower-case name (the first value of each)
 */
public record Response(int status, byte[] body, Map<String, String> headers) {

  /**
   * Returns a header.
   *
   * @param name the name, in any case
   * @return the value, or {@code null}
   */
  public @Nullable String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Tells whether the status is 2xx.
   *
   * @return true for success
   */
  public boolean ok() {
    return status / 100 == 2;
  }

  /**
   * Returns the body as UTF-8 text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * Returns the wait the server asked for.
   *
   * @return the parsed Retry-After, if present and valid
   */
  public Optional<Duration> retryAfter() {
    return RetryAfter.parse(header("Retry-After"));
  }
}
