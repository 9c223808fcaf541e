package io.synthkit.sim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rate-limit headers each API sends with a 429: OpenAI's {@code x-ratelimit-*} (limits, what remains and when it
 * resets, as durations such as {@code 1s}) and Anthropic's {@code anthropic-ratelimit-*} (reset as an RFC 3339 time),
 * both with {@code Retry-After} in seconds.
 */
final class RateLimitHeaders {

  /** The simulated per-minute limits; only their shape matters to clients. */
  static final int REQUESTS_PER_MINUTE = 10_000;
  static final int TOKENS_PER_MINUTE = 2_000_000;

  private RateLimitHeaders() {}

  static Map<String, String> exhausted(Api api, int retryAfterSeconds) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Retry-After", Integer.toString(retryAfterSeconds));
    if (api == Api.OPENAI) {
      h.put("x-ratelimit-limit-requests", Integer.toString(REQUESTS_PER_MINUTE));
      h.put("x-ratelimit-remaining-requests", "0");
      h.put("x-ratelimit-reset-requests", retryAfterSeconds + "s");
      h.put("x-ratelimit-limit-tokens", Integer.toString(TOKENS_PER_MINUTE));
      h.put("x-ratelimit-remaining-tokens", Integer.toString(TOKENS_PER_MINUTE));
      h.put("x-ratelimit-reset-tokens", "0s");
    } else {
      String reset = Instant.now().plusSeconds(retryAfterSeconds).truncatedTo(ChronoUnit.SECONDS).toString();
      h.put("anthropic-ratelimit-requests-limit", Integer.toString(REQUESTS_PER_MINUTE));
      h.put("anthropic-ratelimit-requests-remaining", "0");
      h.put("anthropic-ratelimit-requests-reset", reset);
      h.put("anthropic-ratelimit-tokens-limit", Integer.toString(TOKENS_PER_MINUTE));
      h.put("anthropic-ratelimit-tokens-remaining", Integer.toString(TOKENS_PER_MINUTE));
      h.put("anthropic-ratelimit-tokens-reset", reset);
    }
    return h;
  }
}
