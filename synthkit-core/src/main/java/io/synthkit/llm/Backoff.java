package io.synthkit.llm;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, and the parsing of {@code Retry-After}. Jitter spreads the retries of many
 * concurrent calls that failed together, so they do not hit the server again in one burst.
 */
final class Backoff {

  static final Duration BASE = Duration.ofMillis(500);
  static final Duration CAP = Duration.ofSeconds(60);

  private Backoff() {}

  /**
   * Returns how long to wait before retry number {@code attempt} (1-based).
   *
   * @param attempt the retry number
   * @param retryAfter what the server asked for, if anything
   * @return the wait
   */
  static Duration delay(int attempt, Optional<Duration> retryAfter) {
    long ceiling = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 16));
    long jittered = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    long wait = retryAfter.map(ra -> Math.max(ra.toMillis(), jittered / 4)).orElse(jittered);
    return Duration.ofMillis(Math.min(wait, CAP.toMillis() * 2));
  }

  /**
   * Parses a Retry-After header: seconds (possibly fractional, as some gateways send) or an HTTP date.
   *
   * @param header the header value, possibly {@code null}
   * @return the wait, if the header was present and valid
   */
  static Optional<Duration> parseRetryAfter(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String v = header.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException notDate) {
        return Optional.empty();
      }
    }
  }
}
