package io.synthkit.retrieval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.RateLimiter;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.Retrier;
import io.synthkit.http.Retrier.Outcome;
import io.synthkit.http.RetryPolicy;
import io.synthkit.http.Sleeper;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * GETs from a MediaWiki Action API endpoint politely: a descriptive User-Agent on every request, a shared rate limit,
 * and retries of 429 and 5xx answers and network failures with exponential back-off (1 s, 2 s, 4 s, ...) that defer to
 * the server's {@code Retry-After}. Back-off has no jitter: one process with a rate limiter does not stampede.
 *
 * <p>Thread-safe: the transport, the limiter and the retry loop are, and nothing else is mutable.
 */
final class WikipediaClient implements AutoCloseable {

  private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Duration maxWait;
  private final RateLimiter limiter;
  private final Retrier retrier;
  private final HttpTransport http = new HttpTransport();

  WikipediaClient(URI endpoint, String userAgent, Duration timeout, int maxAttempts, Duration maxWait,
      RateLimiter limiter, Sleeper sleeper) {
    this.endpoint = endpoint;
    this.headers = Map.of("User-Agent", userAgent, "Accept", "application/json");
    this.timeout = timeout;
    this.maxWait = maxWait;
    this.limiter = limiter;
    this.retrier = new Retrier(new RetryPolicy(maxAttempts, FIRST_BACKOFF, maxWait, false, maxWait), sleeper);
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
    Request request = Request.get(uri, headers, timeout).followingRedirects();
    return switch (retrier.run(() -> attempt(request), Retrier.Listener.NONE)) {
      case Retrier.Result.Success<String> ok -> parse(ok.value());
      case Retrier.Result.Failure<String> failed when failed.refusedWait() != null ->
          throw tooLong(failed.status(), failed.refusedWait());
      case Retrier.Result.Failure<String> failed -> throw endpointError("the Wikipedia API at " + endpoint
          + " could not be used after " + failed.attempts() + (failed.attempts() == 1 ? " attempt" : " attempts")
          + " (last: " + failed.lastError() + "). Check the network and retrieval.base_url, or try again later",
          null);
    };
  }

  private Outcome<String> attempt(Request request) throws InterruptedException {
    limiter.acquire();
    Response response;
    try {
      response = http.send(request);
    } catch (IOException e) {
      return Outcome.failed(e.toString(), 0);
    }
    int status = response.status();
    if (status == 200) {
      return new Outcome.Done<>(response.text());
    }
    if (!RETRYABLE.contains(status)) {
      throw refused(status, response.text());
    }
    return new Outcome.Failed<>("HTTP " + status, status, response.retryAfter());
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

  private static SynthkitException endpointError(String message, @Nullable Throwable cause) {
    return new SynthkitException(message, SynthkitException.EXIT_ENDPOINT, cause);
  }

  @Override
  public void close() {
    http.close();
  }
}
