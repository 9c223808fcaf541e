package io.synthkit.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: delay seconds (fractional, as some gateways send) or an HTTP date (RFC 9110). */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * Parses the header against the current time.
   *
   * @param header the header value, possibly {@code null}
   * @return the wait, if the header was present and valid; a date in the past is a zero wait
   */
  public static Optional<Duration> parse(@Nullable String header) {
    return parse(header, Instant.now());
  }

  /**
   * Parses the header.
   *
   * @param header the header value, possibly {@code null}
   * @param now the current time, for HTTP dates
   * @return the wait, if the header was present and valid; a date in the past is a zero wait
   */
  public static Optional<Duration> parse(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds) ? Optional.empty()
          : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
