package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ContextLengthException;
import io.synthkit.spi.EndpointException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model server as the gateway sees it: where requests go, how many may be in flight, how fast they may be sent,
 * and what to do when the server fails. Roles that use the same provider, URL and model share one endpoint, so their
 * limits are shared as the server's are.
 *
 * <p>Thread-safe. Never logs headers or bodies: they may hold keys or user data.
 */
final class Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  /** Response header by which synthkit's simulator identifies itself. */
  static final String SIMULATED_HEADER = "X-Synthkit-Simulated";
  /** The key a simulated role presents when none is configured: the simulator, like the real APIs, wants one. */
  static final String SIMULATED_KEY = "sk-synthkit-simulated";

  /** Reports retries and failures to the caller's meter row. */
  interface Observer {
    void retry(String reason);

    void failure(String reason);
  }

  private final String label;
  private final ModelConfig config;
  private final ProviderAdapter adapter;
  private final HttpTransport http;
  private final URI uri;
  private final Map<String, String> headers;
  private final AdaptiveLimiter limiter;
  private final RateLimiter requests;
  private final RateLimiter tokens;
  private volatile boolean simulated;
  private volatile StructuredMode autoDowngrade;
  private volatile boolean maxCompletionTokens;

  Endpoint(ModelConfig config, ProviderAdapter adapter, HttpTransport http, boolean simulated) {
    this.config = config;
    this.adapter = adapter;
    this.http = http;
    this.simulated = simulated;
    this.uri = adapter.chatUri(config.baseUrl());
    this.label = (simulated ? "simulated" : config.provider().wire()) + ":" + config.model() + " at " + uri;
    boolean noKey = config.apiKey() == null || config.apiKey().isBlank();
    this.headers = adapter.headers(simulated && noKey ? SIMULATED_KEY : config.apiKey());
    this.limiter = new AdaptiveLimiter(config.maxConcurrencyOrDefault(), config.adaptiveOrDefault());
    this.requests = new RateLimiter(config.requestsPerMinute() == null ? 0 : config.requestsPerMinute());
    this.tokens = new RateLimiter(config.tokensPerMinute() == null ? 0 : config.tokensPerMinute());
  }

  String label() {
    return label;
  }

  ProviderAdapter adapter() {
    return adapter;
  }

  boolean simulated() {
    return simulated;
  }

  /** Records that this endpoint answers with simulated content (seen in a response or a cached one). */
  void markSimulated() {
    simulated = true;
  }

  int currentConcurrencyLimit() {
    return limiter.currentLimit();
  }

  /** Returns the mode to use for a configured mode, after any downgrade this endpoint learned. */
  StructuredMode effectiveMode(StructuredMode configured) {
    StructuredMode resolved = adapter.resolve(configured);
    StructuredMode down = autoDowngrade;
    return configured == StructuredMode.AUTO && down != null ? down : resolved;
  }

  ObjectNode encode(ChatRequest request) {
    return adapter.body(request, maxCompletionTokens);
  }

  /**
   * Sends a request, retrying what can be retried.
   *
   * @return the decoded result
   * @throws EndpointException when the endpoint is unusable or stayed failing through every retry
   * @throws ContextLengthException when the server says the prompt is too long
   * @throws StructuredModeRejected when the server rejects the structured-output parameters (AUTO mode may downgrade)
   * @throws Reencode when the endpoint learned a new request shape and the caller must encode the body again
   */
  ChatResult send(ChatRequest request, ObjectNode body, String callKey, Observer observer) {
    // Counting prompt tokens costs real CPU at thousands of calls a second; only a token budget needs it.
    long estimate = tokens.unlimited() ? 0 : Tokens.count(request.prompt()) + (request.sampling().maxTokens() != null
        ? request.sampling().maxTokens() : 512L) * request.n();
    ChatResult[] parsed = new ChatResult[1];
    Response r = post(uri, body, callKey, observer, estimate, json -> {
      parsed[0] = adapter.parse(json, request);
      return parsed[0].usage();
    }, (message, status, lastError) -> handleBadRequest(request, message, status, lastError));
    ChatResult result = parsed[0];
    // A `synthkit simulate` server behind provider: openai must still mark the run as simulated.
    if (r.simulatedHeader()) {
      simulated = true;
    }
    return simulated ? result.asSimulated() : result;
  }

  /** A successful exchange. */
  record Response(JsonNode body, boolean simulatedHeader) {}

  /** Reacts to a 400/413/422: throw to stop, return to resend (the request shape was adjusted). */
  @FunctionalInterface
  interface BadRequest {
    void handle(String message, int status, String lastError);
  }

  /**
   * Posts a JSON body with this endpoint's limits, retries and failure rules; used for chat and embeddings alike.
   *
   * @param target the URL
   * @param body the request body
   * @param callKey the sample key (sent as a header for tracing)
   * @param observer retry and failure counting
   * @param tokenEstimate tokens to reserve against a tokens-per-minute budget (0 when none is set)
   * @param usage decodes a successful body and returns its token usage (for the limiter and the budget)
   * @param badRequest what a 400/413/422 means for this kind of request
   * @return the decoded response
   */
  Response post(URI target, ObjectNode body, String callKey, Observer observer, long tokenEstimate,
      java.util.function.Function<JsonNode, TokenUsage> usage, BadRequest badRequest) {
    byte[] bytes = Json.bytes(body);
    String lastError = "";
    int status = 0;
    for (int attempt = 1; ; attempt++) {
      Optional<Duration> retryAfter;
      try {
        requests.acquire(1);
        tokens.acquire(tokenEstimate);
        limiter.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for " + label);
      }
      long start = System.nanoTime();
      HttpTransport.Response response;
      try {
        response = http.post(target, requestHeaders(callKey), bytes,
            Duration.ofSeconds(config.timeoutSecondsOrDefault()));
      } catch (HttpTimeoutException e) {
        limiter.onOverload();
        lastError = "timed out after " + config.timeoutSecondsOrDefault() + " s";
        status = 0;
        if (!retry(attempt, observer, lastError, Optional.empty())) {
          break;
        }
        continue;
      } catch (IOException e) {
        limiter.onIgnore();
        lastError = "connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        status = 0;
        if (!retry(attempt, observer, lastError, Optional.empty())) {
          break;
        }
        continue;
      } catch (InterruptedException e) {
        limiter.onIgnore();
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted during a call to " + label);
      }
      status = response.status();
      if (status / 100 == 2) {
        JsonNode json;
        try {
          json = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
          limiter.onIgnore();
          lastError = "HTTP " + status + " with a body that is not JSON";
          if (!retry(attempt, observer, lastError, Optional.empty())) {
            break;
          }
          continue;
        }
        TokenUsage used = usage.apply(json);
        limiter.onSuccess(System.nanoTime() - start, Math.max(1, used.completion()));
        tokens.refund(tokenEstimate - used.total());
        return new Response(json, response.simulated());
      }
      String message = errorMessage(response.body());
      lastError = "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
      retryAfter = Backoff.parseRetryAfter(response.retryAfter());
      switch (status) {
        case 429, 503, 529 -> limiter.onOverload();
        default -> limiter.onIgnore();
      }
      if (status == 401 || status == 403) {
        throw new EndpointException("authentication failed for " + label + " (" + lastError
            + "); check api_key (e.g. OPENAI_API_KEY / ANTHROPIC_API_KEY)", status);
      }
      if (status == 404) {
        throw new EndpointException("not found at " + label + " (" + lastError
            + "); check the model id and base_url (OpenAI-compatible servers usually end in /v1)", status);
      }
      if (status == 400 || status == 413 || status == 422) {
        badRequest.handle(message, status, lastError);
        continue;
      }
      if (!retryable(status) || !retry(attempt, observer, lastError, retryAfter)) {
        break;
      }
    }
    observer.failure(lastError);
    throw new EndpointException("gave up on " + label + " after " + (config.maxRetriesOrDefault() + 1)
        + " attempts; last error: " + lastError, status);
  }

  void handleBadRequest(ChatRequest request, String message, int status, String lastError) {
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("context length") || m.contains("context_length") || m.contains("maximum context")
        || m.contains("too many tokens") || m.contains("prompt is too long") || status == 413) {
      throw new ContextLengthException(lastError);
    }
    if (m.contains("max_completion_tokens") && !maxCompletionTokens) {
      maxCompletionTokens = true; // newer OpenAI models reject max_tokens and name the replacement
      throw new Reencode(lastError);
    }
    if (request != null && request.schema() != null && (m.contains("response_format") || m.contains("json_schema")
        || m.contains("tool") || m.contains("schema") || m.contains("function"))) {
      throw new StructuredModeRejected(lastError);
    }
    throw new EndpointException("the request was rejected by " + label + " (" + lastError + ")", status);
  }

  /** Lowers the structured mode after the server rejected one (AUTO only): json_schema, then json_object, then prompt. */
  StructuredMode downgrade(StructuredMode from) {
    StructuredMode next = switch (from) {
      case JSON_SCHEMA, TOOL -> adapter instanceof OpenAiAdapter ? StructuredMode.JSON_OBJECT : StructuredMode.PROMPT;
      case JSON_OBJECT -> StructuredMode.PROMPT;
      default -> null;
    };
    if (next != null) {
      LOG.warn("{} rejected structured output mode {}; using {} from now on", label, from.wire(), next.wire());
      autoDowngrade = next;
    }
    return next;
  }

  private boolean retry(int attempt, Observer observer, String reason, Optional<Duration> retryAfter) {
    if (attempt > config.maxRetriesOrDefault()) {
      return false;
    }
    observer.retry(reason);
    Duration wait = Backoff.delay(attempt, retryAfter);
    LOG.debug("{}: {}; retry {} in {} ms", label, reason, attempt, wait.toMillis());
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while backing off from " + label);
    }
    return true;
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }

  private Map<String, String> requestHeaders(String callKey) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    if (config.headers() != null) {
      h.putAll(config.headers());
    }
    h.put("X-Synthkit-Call", callKey);
    return h;
  }

  /** Extracts the human-readable error from OpenAI, Anthropic, vLLM or plain-text error bodies. */
  static String errorMessage(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode json = Json.MAPPER.readTree(text);
      JsonNode error = json.path("error");
      String m = error.isTextual() ? error.asText() : error.path("message").asText(json.path("message").asText(""));
      if (!m.isEmpty()) {
        return abbreviate(m);
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the raw text
    }
    return abbreviate(text);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 300 ? one : one.substring(0, 300) + "...";
  }

  /** The endpoint changed how it encodes requests (e.g. max_completion_tokens); the caller re-encodes and resends. */
  static final class Reencode extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Reencode(String message) {
      super(message);
    }
  }

  /** The server rejected the structured-output parameters of a request. */
  static final class StructuredModeRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StructuredModeRejected(String message) {
      super(message);
    }
  }
}
