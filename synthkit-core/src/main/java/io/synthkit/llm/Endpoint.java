package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.RateLimiter;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.Retrier;
import io.synthkit.http.Retrier.Outcome;
import io.synthkit.http.RetryPolicy;
import io.synthkit.http.Sleeper;
import io.synthkit.json.Json;
import io.synthkit.spi.ContextLengthException;
import io.synthkit.spi.EndpointException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
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

  /** Reports retries and failures to the caller's meter row. */
  interface Observer {
    /** Ignores everything. */
    Observer NONE = new Observer() {
      @Override
      public void retry(String reason) {}

      @Override
      public void failure(String reason) {}
    };

    void retry(String reason);

    void failure(String reason);

    /** A wait before a retry; long ones are shown in the progress line. */
    default void waiting(Duration wait, Instant until, String reason) {}
  }

  /** What a chat call came to: an answer, or the server's refusal of the structured-output parameters. */
  sealed interface Sent {
    /**
     * The server answered.
     *
     * @param result the decoded reply
     */
    record Answer(ChatResult result) implements Sent {}

    /**
     * The server rejected how the request asked for JSON (AUTO mode may downgrade and ask again).
     *
     * @param error the server's error line
     */
    record ModeRejected(String error) implements Sent {}
  }

  /** A decoded successful body and the tokens it used (for the limiter and the token budget). */
  record Decoded<T>(T value, TokenUsage usage) {}

  /** Reacts to a 400/413/422: an outcome to send again or stop with, or an exception when nothing can fix it. */
  @FunctionalInterface
  interface BadRequest<T> {
    Outcome<T> handle(ErrorBody error, int status, String lastError);
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
  private final Retrier retrier;
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
    Map<String, String> h = new LinkedHashMap<>(adapter.headers(config.apiKey()));
    if (config.headers() != null) {
      h.putAll(config.headers());
    }
    this.headers = Map.copyOf(h);
    this.limiter = new AdaptiveLimiter(config.maxConcurrencyOrDefault(), config.adaptiveOrDefault());
    this.requests = RateLimiter.perMinute(config.requestsPerMinute() == null ? 0 : config.requestsPerMinute());
    this.tokens = RateLimiter.perMinute(config.tokensPerMinute() == null ? 0 : config.tokensPerMinute());
    this.retrier = new Retrier(RetryPolicy.forModels(config.maxRetriesOrDefault(),
        Duration.ofSeconds(config.maxRetryAfterSecondsOrDefault())), Sleeper.SYSTEM);
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
   * Sends a chat request, retrying what can be retried, and re-encoding it when the endpoint learns a new request
   * shape on the way.
   *
   * @param request the request
   * @param body its encoding by {@link #encode(ChatRequest)}
   * @param callKey the sample key (sent as a header for tracing)
   * @param observer retry and failure counting
   * @return the answer, or the server's refusal of the structured-output parameters
   * @throws EndpointException when the endpoint is unusable or stayed failing through every retry
   * @throws ContextLengthException when the server says the prompt is too long
   */
  Sent chat(ChatRequest request, ObjectNode body, String callKey, Observer observer) {
    // Counting prompt tokens costs real CPU at thousands of calls a second; only a token budget needs it.
    long estimate = tokens.unlimited() ? 0 : Tokens.count(request.prompt()) + (request.sampling().maxTokens() != null
        ? request.sampling().maxTokens() : 512L) * request.n();
    Encoding first = new Encoding(body, maxCompletionTokens);
    Sent sent = exchange(uri, () -> first.current(this, request), callKey, observer, estimate, json -> {
      ChatResult r = adapter.parse(json, request);
      return new Decoded<>(new Sent.Answer(r), r.usage());
    }, (error, status, lastError) -> badRequest(request, error, status, lastError));
    if (sent instanceof Sent.Answer(ChatResult result) && simulated) {
      return new Sent.Answer(result.asSimulated());
    }
    return sent;
  }

  /** The body of a chat request, encoded again when the endpoint's request shape changed since it was encoded. */
  private static final class Encoding {
    private ObjectNode body;
    private boolean maxCompletion;

    Encoding(ObjectNode body, boolean maxCompletion) {
      this.body = body;
      this.maxCompletion = maxCompletion;
    }

    byte[] current(Endpoint endpoint, ChatRequest request) {
      if (maxCompletion != endpoint.maxCompletionTokens) {
        maxCompletion = endpoint.maxCompletionTokens;
        body = endpoint.encode(request);
      }
      return Json.bytes(body);
    }
  }

  /**
   * Posts a JSON body with this endpoint's limits, retries and failure rules; used for chat and embeddings alike.
   *
   * @param target the URL
   * @param body the request body, asked for again before every send (its shape may change between attempts)
   * @param callKey the sample key (sent as a header for tracing)
   * @param observer retry and failure counting
   * @param tokenEstimate tokens to reserve against a tokens-per-minute budget (0 when none is set)
   * @param decode decodes a successful body
   * @param badRequest what a 400/413/422 means for this kind of request
   * @param <T> the decoded value
   * @return the decoded value
   */
  <T> T exchange(URI target, Supplier<byte[]> body, String callKey, Observer observer,
      long tokenEstimate, Function<JsonNode, Decoded<T>> decode, BadRequest<T> badRequest) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("X-Synthkit-Call", callKey);
    Duration timeout = Duration.ofSeconds(config.timeoutSecondsOrDefault());
    Retrier.Result<T> result = retrier.run(() -> attempt(Request.post(target, h, body.get(), Request.JSON, timeout),
        tokenEstimate, decode, badRequest), new Retrier.Listener() {
          @Override
          public void retrying(String error, Duration wait, Instant until, boolean serverAsked) {
            LOG.debug("{}: {}; retrying in {} ms", label, error, wait.toMillis());
            observer.retry(error);
            observer.waiting(wait, until, error);
          }

          @Override
          public void resending(String reason) {
            observer.retry(reason);
          }

          @Override
          public void gaveUp(String error) {
            observer.failure(error);
          }
        });
    return switch (result) {
      case Retrier.Result.Success<T> ok -> ok.value();
      case Retrier.Result.Failure<T> failed -> throw new EndpointException("gave up on " + label + " after "
          + failed.attempts() + (failed.attempts() == 1 ? " attempt" : " attempts") + "; last error: "
          + failed.lastError()
          + (failed.refusedWait() == null ? "" : " (" + failed.why() + ")"), failed.status());
    };
  }

  private <T> Outcome<T> attempt(Request request, long tokenEstimate, Function<JsonNode, Decoded<T>> decode,
      BadRequest<T> badRequest) throws InterruptedException {
    requests.acquire(1);
    tokens.acquire(tokenEstimate);
    limiter.acquire();
    long start = System.nanoTime();
    Response response;
    try {
      response = http.send(request);
    } catch (HttpTimeoutException e) {
      limiter.onOverload();
      return Outcome.failed("timed out after " + config.timeoutSecondsOrDefault() + " s", 0);
    } catch (IOException e) {
      limiter.onIgnore();
      return Outcome.failed("connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()), 0);
    } catch (InterruptedException e) {
      limiter.onIgnore();
      throw e;
    }
    int status = response.status();
    if (response.ok()) {
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        limiter.onIgnore();
        return Outcome.failed("HTTP " + status + " with a body that is not JSON", status);
      }
      Decoded<T> decoded = decode.apply(json);
      limiter.onSuccess(System.nanoTime() - start, Math.max(1, decoded.usage().completion()));
      tokens.refund(tokenEstimate - decoded.usage().total());
      if (response.header(SIMULATED_HEADER) != null) {
        simulated = true; // a `synthkit simulate` server behind provider: openai still marks the run as simulated
      }
      return new Outcome.Done<>(decoded.value());
    }
    switch (status) {
      case 429, 503, 529 -> limiter.onOverload();
      default -> limiter.onIgnore();
    }
    ErrorBody error = ErrorBody.parse(response.body());
    String lastError = error.line(status);
    if (status == 401 || status == 403) {
      throw new EndpointException("authentication failed for " + label + " (" + lastError
          + "); check api_key (e.g. OPENAI_API_KEY / ANTHROPIC_API_KEY)", status);
    }
    if (status == 404) {
      throw new EndpointException("not found at " + label + " (" + lastError
          + "); check the model id and base_url (OpenAI-compatible servers usually end in /v1)", status);
    }
    if (status == 400 || status == 413 || status == 422) {
      return badRequest.handle(error, status, lastError);
    }
    if (!retryable(status)) {
      throw new EndpointException("the request was rejected by " + label + " (" + lastError + ")", status);
    }
    return new Outcome.Failed<>(lastError, status, response.retryAfter());
  }

  private Outcome<Sent> badRequest(ChatRequest request, ErrorBody error, int status, String lastError) {
    String m = error.message().toLowerCase(Locale.ROOT);
    if (m.contains("context length") || m.contains("context_length") || m.contains("maximum context")
        || m.contains("too many tokens") || m.contains("prompt is too long") || status == 413) {
      throw new ContextLengthException(lastError);
    }
    if (m.contains("max_completion_tokens") && !maxCompletionTokens) {
      maxCompletionTokens = true; // newer OpenAI models reject max_tokens and name the replacement
      return new Outcome.Resend<>(lastError);
    }
    if (request.schema() != null && (m.contains("response_format") || m.contains("json_schema")
        || m.contains("tool") || m.contains("schema") || m.contains("function"))) {
      return new Outcome.Done<>(new Sent.ModeRejected(lastError));
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

  private static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }
}
