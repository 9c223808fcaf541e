package io.synthkit.run;

import io.synthkit.llm.GatewayListener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the longest pending wait before a retry, so the progress line can say "waiting until 14:03:12 (HTTP 429)"
 * while a long Retry-After is honoured instead of looking like a hang. Thread-safe.
 */
final class RetryWaits implements GatewayListener {

  /** Shorter waits are ordinary back-off and would only make the line flicker. */
  private static final Duration SHOWN_FROM = Duration.ofSeconds(2);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private record Wait(Instant until, String why) {}

  private volatile @Nullable Wait latest;

  @Override
  public void waiting(String endpoint, Instant until, String reason) {
    if (Duration.between(Instant.now(), until).compareTo(SHOWN_FROM) < 0) {
      return;
    }
    synchronized (this) {
      Wait w = latest;
      if (w == null || w.until().isBefore(until)) {
        latest = new Wait(until, reason);
      }
    }
  }

  /**
   * Returns the note for the progress line.
   *
   * @param now the current time
   * @return e.g. {@code waiting until 14:03:12 (HTTP 429: rate limited)}, or {@code null} when nothing waits
   */
  @Nullable String note(Instant now) {
    Wait w = latest;
    if (w == null || !w.until().isAfter(now)) {
      return null;
    }
    return "waiting until " + CLOCK.format(w.until().atZone(ZoneId.systemDefault())) + " (" + w.why() + ")";
  }
}
