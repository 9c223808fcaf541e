package io.synthkit.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * GETs from a MediaWiki Action API endpoint politely: a descriptive User-Agent on every request, a shared rate limit,
 * and retries of 429 and 5xx answers and network failures with exponential back-off (1 s, 2 s, 4 s, ...) that defer to
 * the server's {@code Retry-After}. Back-off has no jitter: one process with a rate limiter does not stampede.
 *
 * <p>Thread-safe: {@link HttpClient} and {@link RateLimiter} are, and nothing else is mutable.
 */
final class WikipediaClient implements AutoCloseable {

  private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String userAgent;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration maxWait;
  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final HttpClient http;

  WikipediaClient(URI endpoint, String userAgent, Duration timeout, int maxAttempts, Duration maxWait,
      RateLimiter limiter, Sleeper sleeper) {
    this.endpoint = endpoint;
    this.userAgent = userAgent;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
    this.maxWait = maxWait;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * Sends one API request, retrying transient failures.
   *
   * @param params the query parameters, sent in iteration order
   * @return the parsed JSON answer
   * @throws SynthkitException (exit 3) when the API refuses the request, answers with an error, or stays unreachable
   */
  JsonNode get(Map<String, String> params) {
    URI uri = URI.create(endpoint + "?" + params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")));
    HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
        .header("User-Agent", userAgent).header("Accept", "application/json").build();
    for (int attempt = 1; ; attempt++) {
      String failure;
      Exception cause = null;
      Duration wait = backoff(attempt);
      try {
        limiter.acquire();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200) return parse(response.body());
        if (!RETRYABLE.contains(status)) throw refused(status, response.body());
        failure = "HTTP " + status;
        Optional<Duration> asked = retryAfter(response);
        if (asked.isPresent() && asked.get().compareTo(maxWait) > 0) throw tooLong(status, asked.get());
        wait = asked.orElse(wait);
      } catch (IOException e) {
        failure = e.toString();
        cause = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw endpointError("interrupted while calling the Wikipedia API at " + endpoint, e);
      }
      if (attempt >= maxAttempts) {
        throw endpointError("the Wikipedia API at " + endpoint + " could not be used after " + attempt
            + (attempt == 1 ? " attempt" : " attempts") + " (last: " + failure + "). Check the network and "
            + "retrieval.base_url, or try again later", cause);
      }
      pause(wait);
    }
  }

  private Duration backoff(int attempt) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(maxWait) > 0 ? maxWait : d;
  }

  private void pause(Duration wait) {
    if (wait.isZero() || wait.isNegative()) return;
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw endpointError("interrupted while waiting to retry the Wikipedia API", e);
    }
  }

  /** Reads {@code Retry-After} as seconds or as an HTTP date (RFC 9110 section 10.2.3). */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
    if (header.isEmpty()) return Optional.empty();
    try {
      long seconds = Long.parseLong(header.get());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private JsonNode parse(String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw endpointError("the Wikipedia API at " + endpoint + " answered with something that is not JSON: "
          + excerpt(body) + "; check retrieval.base_url", e);
    }
    JsonNode error = json.path("error");
    if (!error.isMissingNode()) {
      throw endpointError("the Wikipedia API at " + endpoint + " reported an error: " + error.path("code").asText()
          + ": " + error.path("info").asText(), null);
    }
    return json;
  }

  private SynthkitException refused(int status, String body) {
    String hint = switch (status) {
      case 403 -> "; Wikimedia blocks clients without a descriptive User-Agent: set retrieval.user_agent to name your "
          + "project and a contact (https://meta.wikimedia.org/wiki/User-Agent_policy)";
      case 404 -> "; is retrieval.base_url a MediaWiki api.php URL?";
      default -> "";
    };
    return endpointError("the Wikipedia API at " + endpoint + " refused the request with HTTP " + status + ": "
        + excerpt(body) + hint, null);
  }

  private SynthkitException tooLong(int status, Duration asked) {
    return endpointError("the Wikipedia API at " + endpoint + " answered HTTP " + status + " and asked to wait "
        + asked.toSeconds() + " s (Retry-After), longer than the " + maxWait.toSeconds() + " s synthkit waits; lower "
        + "retrieval.requests_per_second or try again later", null);
  }

  private static String excerpt(String body) {
    String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
  }

  private static SynthkitException endpointError(String message, Throwable cause) {
    return new SynthkitException(message, SynthkitException.EXIT_ENDPOINT, cause);
  }

  @Override
  public void close() {
    http.close();
  }
}
