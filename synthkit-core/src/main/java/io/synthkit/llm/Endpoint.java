package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.Circuit;
import io.synthkit.http.HttpTransport;
import io.synthkit.http.RateLimiter;
import io.synthkit.http.Request;
import io.synthkit.http.Response;
import io.synthkit.http.Retrier;
import io.synthkit.http.Retrier.Outcome;
import io.synthkit.http.RetryPolicy;
import io.synthkit.http.SseEvents;
import io.synthkit.http.Sleeper;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.ContextLengthException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.ItemFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model server as the gateway sees it: where requests go, how many may be in flight, how fast they may be sent,
 * what it learned about the request shape each model accepts, and what to do when the server fails. Roles that use
 * the same provider, URL and model share one endpoint, so their limits are shared as the server's are.
 *
 * <p>Failure policy: 429, 5xx, timeouts, dropped connections and broken bodies are retried ({@link RetryPolicy}); a
 * call that fails through all its retries throws {@link CallFailedException} (its item is rejected, the run goes on)
 * unless the endpoint's {@link Circuit} finds the endpoint down ({@link EndpointException}, exit 3). A 400 that names
 * a parameter is fixed and sent again ({@link BadRequest}, {@link Learned}); one that nothing fixes is an
 * {@link EndpointException}, and so are authentication failures and unknown models.
 *
 * <p>Thread-safe. Never logs headers or bodies: they may hold keys or user data.
 */
final class Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  /** Response header by which synthkit's simulator identifies itself. */
  static final String SIMULATED_HEADER = "X-Synthkit-Simulated";
  /** Its key in {@link Response#headers()} (lower case), so that no call lower-cases the name again. */
  private static final String SIMULATED_HEADER_KEY = SIMULATED_HEADER.toLowerCase(Locale.ROOT);
  private static final Set<StructuredMode> PARAMETER_MODES = Set.of(StructuredMode.JSON_SCHEMA, StructuredMode.TOOL,
      StructuredMode.JSON_OBJECT);
  /** The key a simulated role presents when none is configured: the simulator, like the real APIs, wants one. */
  static final String SIMULATED_KEY = "sk-synthkit-simulated";
  /** How the last error of a call the server refused for its content starts (no other server would take it). */
  private static final String REFUSED = "refused: ";

  /**
   * Tells a call that failed because the server did (through all its retries) from one the server refused for the
   * item's content: only the first may succeed on another server of the same model.
   *
   * @param e the failure
   * @return true when the server failed
   */
  static boolean serverFailed(CallFailedException e) {
    return !e.lastError().startsWith(REFUSED);
  }

  /** Reports retries and failures to the caller's meter row. */
  interface Observer {
    /** Ignores everything. */
    Observer NONE = new Observer() {
      @Override
      public void retry(String reason) {}

      @Override
      public void failure(@Nullable String reason) {}
    };

    /**
     * A request failed (or was refused for its shape) and is sent again.
     *
     * @param reason why
     */
    void retry(String reason);

    /**
     * The call failed for good.
     *
     * @param reason the last error
     */
    void failure(@Nullable String reason);

    /**
     * A wait before a retry; long ones are shown in the progress line.
     *
     * @param wait how long
     * @param until when the call sends again
     * @param reason what it waits out
     */
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
     * The server refused how the request asked for JSON; the caller falls back to a lower mode and asks again.
     *
     * @param error the server's error line
     * @param param the parameter it refused
     */
    record ModeRejected(String error, String param) implements Sent {}
  }

  /**
   * A decoded successful body and the tokens it used (for the limiter and the token budget).
   *
   * @param value the decoded value, or {@code null} when the body is broken
   * @param usage the tokens
   * @param broken why the body cannot be used (retried like a server error), or {@code null}
   * @param <T> the value type
   */
  record Decoded<T>(@Nullable T value, TokenUsage usage, @Nullable String broken) {
    static <T> Decoded<T> ok(T value, TokenUsage usage) {
      return new Decoded<>(value, usage, null);
    }
  }

  /** Reacts to a 400/413/422: an outcome to send again or stop with, or an exception when nothing can fix it. */
  @FunctionalInterface
  interface BadRequestHandler<T> {
    Outcome<T> handle(ErrorBody error, int status, String lastError, ObjectNode sent, ParamRules rules);
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
  private final Circuit circuit;
  private final Map<String, Learned> learned;
  private final Map<String, Boolean> recorded;
  private final Consumer<Adaptation> recorder;
  private final boolean streaming;
  private final Duration stall;
  private volatile boolean simulated;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LongAdder answered = new LongAdder();
  private final LongAdder failed = new LongAdder();

  Endpoint(ModelConfig config, ProviderAdapter adapter, HttpTransport http, boolean simulated,
      Consumer<Adaptation> recorder) {
    this(config, adapter, http, simulated, recorder, null);
  }

  /**
   * An endpoint that learns request-shape fixes together with another: replicas of one model listed in the same
   * {@code base_urls} run the same server, so a parameter one refused is not sent to the others either.
   */
  Endpoint(ModelConfig config, ProviderAdapter adapter, HttpTransport http, boolean simulated,
      Consumer<Adaptation> recorder, @Nullable Endpoint learnsWith) {
    this.learned = learnsWith == null ? new ConcurrentHashMap<>() : learnsWith.learned;
    this.recorded = learnsWith == null ? new ConcurrentHashMap<>() : learnsWith.recorded;
    this.config = config;
    this.adapter = adapter;
    this.http = http;
    this.simulated = simulated;
    this.recorder = recorder;
    // Credentials in the URL (http://user:pw@host) are sent as Basic auth and never shown: the URI and the label,
    // which every message about this endpoint names, are without them.
    Secrets.registerUrl(config.baseUrl());
    Secrets.register(config.apiKey());
    this.uri = adapter.chatUri(Secrets.withoutUserInfo(config.baseUrl()));
    this.label = (simulated ? "simulated" : Objects.requireNonNull(config.provider(), "provider").wire()) + ":"
        + config.model() + " at " + uri;
    boolean noKey = config.apiKey() == null || config.apiKey().isBlank();
    Map<String, String> h = new LinkedHashMap<>(adapter.headers(simulated && noKey ? SIMULATED_KEY : config.apiKey()));
    String userInfo = Secrets.userInfo(config.baseUrl());
    if (userInfo != null && !h.containsKey("Authorization")) {
      h.put("Authorization", "Basic " + Secrets.basicToken(userInfo));
    }
    if (config.headers() != null) {
      config.headers().values().forEach(Secrets::register);
      h.putAll(config.headers());
    }
    this.headers = Map.copyOf(h);
    this.limiter = new AdaptiveLimiter(config.maxConcurrencyOrDefault(), config.adaptiveOrDefault());
    this.requests = RateLimiter.perMinute(config.requestsPerMinute() == null ? 0 : config.requestsPerMinute());
    this.tokens = RateLimiter.perMinute(config.tokensPerMinute() == null ? 0 : config.tokensPerMinute());
    this.retrier = new Retrier(RetryPolicy.forModels(config.maxRetriesOrDefault(),
        Duration.ofSeconds(config.maxRetryAfterSecondsOrDefault())), Sleeper.SYSTEM);
    this.circuit = new Circuit(label, Circuit.TRIP_AFTER);
    this.streaming = config.streamOrDefault();
    this.stall = Duration.ofSeconds(config.stallTimeoutSecondsOrDefault());
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

  /** @return the model id of the config this endpoint was made for, if it has one */
  @Nullable String model() {
    return config.model();
  }

  /** @return the base URL as it may be shown: without user-info, or the chat URL for the provider's own API */
  String url() {
    String base = Secrets.withoutUserInfo(config.baseUrl());
    return base == null ? uri.toString() : base;
  }

  /** The configured base URL (the batch APIs live beside the chat endpoint), or null for the provider's own API. */
  @Nullable String baseUrl() {
    return config.baseUrl();
  }

  /** The request headers, key included: for the batch APIs of the same server, never for logs. */
  Map<String, String> headers() {
    return headers;
  }

  /** Records that this endpoint answers with simulated content (seen in a response or a cached one). */
  void markSimulated() {
    simulated = true;
  }

  /** Calls routed here that have not ended (waiting ones included): the load an {@link EndpointPool} balances. */
  int inFlight() {
    return inFlight.get();
  }

  /** Marks the start of a call routed here; {@link #ended(boolean)} marks its end. */
  void started() {
    inFlight.incrementAndGet();
  }

  /** Marks the end of a call routed here, answered or failed. */
  void ended(boolean ok) {
    inFlight.decrementAndGet();
    (ok ? answered : failed).increment();
  }

  /** @return calls this endpoint answered (for the manifest) */
  long answered() {
    return answered.sum();
  }

  /** @return calls that failed here (some then answered by another endpoint of the pool) */
  long failedCalls() {
    return failed.sum();
  }

  int currentConcurrencyLimit() {
    return limiter.currentLimit();
  }

  Circuit.State circuitState() {
    return circuit.state();
  }

  private Learned learned(@Nullable String model) {
    // The gateway requires a model id of every role but a simulated one; a simulated role without one failed here
    // before too (the map refuses a null key), now with a message.
    return learned.computeIfAbsent(modelId(model), m -> new Learned());
  }

  private static String modelId(@Nullable String model) {
    return Objects.requireNonNull(model, "a model id");
  }

  /** Returns the request-shape fixes learned so far for a model (what the next body sent will have applied). */
  ParamRules learnedRules(@Nullable String model) {
    return learned(model).rules();
  }

  /** Returns the mode to use for a configured mode, after any fallback this endpoint learned for the model. */
  StructuredMode effectiveMode(@Nullable String model, StructuredMode configured) {
    return learned(model).mode(adapter.resolve(configured));
  }

  /**
   * Falls back from a structured-output mode the server refused, recording the change once.
   *
   * @param model the model
   * @param refused the refused mode
   * @param param the parameter the server named
   * @param reason the server's error line
   * @return the mode to use now, or {@code null} when there is nothing lower
   */
  @Nullable StructuredMode fallBack(@Nullable String model, StructuredMode refused, String param,
      String reason) {
    Learned.Fallback f = learned(model).fallBack(refused, adapter instanceof OpenAiAdapter);
    if (f == null) {
      return null;
    }
    if (f.isNew()) {
      LOG.warn("{} refused structured output mode {}; using {} from now on", label, refused.wire(), f.mode().wire());
      record(model, param, "mode:" + f.mode().wire(), reason);
    }
    return f.mode();
  }

  /**
   * Notes that the server returned fewer choices than asked for (it ignores {@code n}); recorded once.
   *
   * @param model the model
   * @param asked choices asked for
   * @param got choices returned
   */
  void shortOfChoices(@Nullable String model, int asked, int got) {
    record(model, "n", "top_up", "asked for " + asked + " choices, got " + got);
  }

  /**
   * Applies an adaptation an earlier session of the run learned, without recording it again.
   *
   * @param a the adaptation
   */
  void replay(Adaptation a) {
    recorded.put(a.model() + "|" + a.param() + "|" + a.fix(), true);
    ParamRules.Fix fix = ParamRules.Fix.parse(a.param(), a.fix());
    if (fix != null) {
      learned(a.model()).learn(fix);
    } else if (a.fix().startsWith("mode:")) {
      learned(a.model()).lowerTo(StructuredMode.parse(a.fix().substring(5)));
    }
  }

  private void record(@Nullable String model, String param, String fix, String reason) {
    if (recorded.putIfAbsent(model + "|" + param + "|" + fix, true) == null) {
      // Recorded only after a call went out, which learned(model) allows only with a model id.
      Adaptation a = new Adaptation(adapter.api(), modelId(model), param, fix, reason, label);
      LOG.info("{}", a.describe());
      recorder.accept(a);
    }
  }

  /**
   * Applies the fixes learned so far for the request's model to its body: what a batch job sends, so a parameter the
   * server refused once is not refused again in every batch.
   *
   * @param request the request
   * @param body its encoding by {@link #encode(ChatRequest)}
   * @return the body as it would be sent now
   */
  ObjectNode withLearnedFixes(ChatRequest request, ObjectNode body) {
    return learned(request.model()).rules().apply(body);
  }

  /**
   * Encodes a request as configured, before any learned fix: the form the response cache keys on, so a cached reply
   * is found whatever the endpoint learned since.
   *
   * @param request the request
   * @return the body
   */
  ObjectNode encode(ChatRequest request) {
    ObjectNode body = adapter.body(request);
    if (config.promptCacheOrDefault()) {
      adapter.markPromptCache(body);
    }
    return body;
  }

  /**
   * Sends a chat request. Every send applies the fixes learned so far (also those another call learned while this one
   * waited or was in flight); streams when the model is configured to.
   *
   * @param request the request
   * @param body its encoding by {@link #encode(ChatRequest)}
   * @param callKey the sample key (sent as a header for tracing)
   * @param observer retry and failure counting
   * @return the answer, or the server's refusal of the structured-output parameters
   * @throws CallFailedException when the call failed through its retries (or the server refused this item)
   * @throws EndpointException when the endpoint is unusable or down
   * @throws ContextLengthException when the server says the prompt is too long
   */
  Sent chat(ChatRequest request, ObjectNode body, String callKey, Observer observer) {
    return chat(request, body, callKey, observer, wire -> { });
  }

  /**
   * Sends a chat request, showing each body to {@code beforeSend} just before it goes out (with the learned fixes
   * applied): the budget holds the cost that body allows, and may refuse it by throwing.
   *
   * @param request the request
   * @param body its encoding by {@link #encode(ChatRequest)}
   * @param callKey the sample key
   * @param observer retry and failure counting
   * @param beforeSend sees every body sent
   * @return the answer, or the server's refusal of the structured-output parameters
   */
  Sent chat(ChatRequest request, ObjectNode body, String callKey, Observer observer, Consumer<ObjectNode> beforeSend) {
    checkFits(request);
    // Counting prompt tokens costs real CPU at thousands of calls a second; only a token budget needs it.
    long estimate = tokens.unlimited() ? 0 : Tokens.count(request.prompt()) + (request.sampling().maxTokens() != null
        ? request.sampling().maxTokens() : 512L) * request.n();
    Learned rules = learned(request.model());
    boolean structured = request.schema() != null && PARAMETER_MODES.contains(request.mode());
    Sent sent = exchange(uri, rules, body, streaming, callKey, observer, estimate, true, beforeSend, json -> {
      String problem = adapter.problem(json);
      if (problem != null) {
        return new Decoded<>(null, TokenUsage.ZERO, problem);
      }
      ChatResult r = adapter.parse(json, request);
      return r.choices().isEmpty() ? new Decoded<>(null, r.usage(), "a reply without choices")
          : Decoded.ok(new Sent.Answer(r), r.usage());
    }, (error, status, lastError, wire, used) -> switch (BadRequest.diagnose(error, status, wire, structured,
        adapter instanceof OpenAiAdapter)) {
      case BadRequest.Remedy.ContextLength c -> throw new ContextLengthException(lastError);
      case BadRequest.Remedy.ItemRefused r -> throw new CallFailedException(label, 1, REFUSED + lastError);
      case BadRequest.Remedy.Mode m -> new Outcome.Done<>(new Sent.ModeRejected(lastError, m.param()));
      case BadRequest.Remedy.Param p when !used.has(p.fix()) -> {
        if (rules.learn(p.fix())) {
          record(request.model(), p.fix().param(), p.fix().wire(), lastError);
        }
        yield new Outcome.Resend<>(lastError);
      }
      case BadRequest.Remedy.Param p -> throw rejected(lastError, status);
      case BadRequest.Remedy.None n -> throw rejected(lastError, status);
    });
    if (sent instanceof Sent.Answer(ChatResult result) && simulated) {
      return new Sent.Answer(result.asSimulated());
    }
    return sent;
  }

  /**
   * Sends a body another JVM built (a fanned-out call, see {@link CallRelay}) with this endpoint's limits, retries and
   * circuit breaker, and returns the server's reply as it came. Nothing is learned here: a request the server refuses
   * fails, and the driver that built it sends it again itself.
   *
   * @param body the request body
   * @param callKey the sample key
   * @param observer retry counting
   * @return the reply body
   * @throws CallFailedException when the call failed through its retries or was refused
   * @throws EndpointException when the endpoint is down
   */
  JsonNode relay(ObjectNode body, String callKey, Observer observer) {
    String model = body.path("model").asText("");
    return exchange(uri, learned(model.isEmpty() ? null : model), body, streaming, callKey, observer, 0, true,
        wire -> { }, json -> {
          String problem = adapter.problem(json);
          return problem != null ? new Decoded<>(null, TokenUsage.ZERO, problem) : Decoded.ok(json, TokenUsage.ZERO);
        }, (error, status, lastError, wire, used) -> {
          throw new CallFailedException(label, 1, lastError);
        });
  }

  /**
   * Rejects a prompt that cannot fit the model's context window before it is sent (and paid for): its item fails
   * with step {@code context_length} and the run goes on. A 10 MB seed would otherwise be sent in every prompt that
   * quotes it.
   */
  private void checkFits(ChatRequest request) {
    int window = config.contextTokens() != null ? config.contextTokens()
        : ContextWindows.of(config.provider(), request.model());
    long reply = request.sampling().maxTokens() == null ? 0 : request.sampling().maxTokens();
    long room = window - reply;
    long chars = 3;
    for (ChatMessage m : request.prompt().messages()) {
      chars += 8 + (m.content() == null ? 0 : m.content().length());
    }
    // A token is at least one UTF-8 byte and a char at most three bytes: most prompts need no counting at all.
    if (chars * 3 <= room) {
      return;
    }
    long tokens = Tokens.countAtMost(request.prompt(), room);
    if (tokens > room) {
      throw new ContextLengthException(String.format(Locale.ROOT, "the prompt does not fit the %,d-token context of"
          + " %s (estimated over %,d tokens%s); not sent (set context_tokens if the model's window is larger)", window,
          request.model(), room, reply == 0 ? "" : String.format(Locale.ROOT, ", %,d kept for the reply", reply)));
    }
  }

  /**
   * Returns the most a request can cost: its prompt (the o200k count of the whole body, messages, tools and schema
   * with their JSON syntax, plus a fifth for tokenizers that count more) and the longest reply it allows ({@code n}
   * times {@code max_completion_tokens} or {@code max_tokens}, as the body that goes out says after the learned fixes,
   * so a reasoning model's hidden reasoning is included; {@value #UNSTATED_REPLY_TOKENS} when the body sets no limit).
   *
   * @param wire the body as sent
   * @param price the role's price
   * @return the worst case
   */
  static BudgetLedger.Worst worstCase(ObjectNode wire, Price price) {
    long prompt = (long) Math.ceil(Tokens.count(Json.write(wire)) * 1.2);
    JsonNode limit = wire.has(ParamRules.COMPLETION_LIMIT) ? wire.get(ParamRules.COMPLETION_LIMIT)
        : wire.get("max_tokens");
    long reply = (limit != null && limit.canConvertToLong() ? limit.asLong() : UNSTATED_REPLY_TOKENS)
        * Math.max(1, wire.path("n").asInt(1));
    return new BudgetLedger.Worst(price.worstCost(prompt, reply), prompt + reply);
  }

  /** The reply length a budget assumes for a request that sets no limit (the server's own limit is unknown). */
  static final long UNSTATED_REPLY_TOKENS = 4096;

  private EndpointException rejected(String lastError, int status) {
    return new EndpointException("the request was rejected by " + label + " (" + lastError + ")", status);
  }

  /**
   * Posts a JSON body (embeddings) with this endpoint's limits and retries; a call that fails through its retries is
   * an {@link EndpointException}, since no item owns it.
   *
   * @param target the URL
   * @param body the body
   * @param decode decodes a successful body
   * @param <T> the decoded value
   * @return the decoded value
   */
  <T> T post(URI target, ObjectNode body, Function<JsonNode, Decoded<T>> decode) {
    return exchange(target, new Learned(), body, false, "embeddings", Observer.NONE, 0, false, wire -> { }, decode,
        (error, status, lastError, wire, used) -> {
          throw new EndpointException("the request was rejected by " + target + " (" + lastError + ")", status);
        });
  }

  /** One call's moving parts. */
  private <T> T exchange(URI target, Learned rules, ObjectNode body, boolean stream, String callKey,
      Observer observer, long tokenEstimate, boolean perItem, Consumer<ObjectNode> beforeSend,
      Function<JsonNode, Decoded<T>> decode,
      BadRequestHandler<T> badRequest) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("X-Synthkit-Call", callKey);
    Duration timeout = Duration.ofSeconds(config.timeoutSecondsOrDefault());
    Retrier.Listener listener = new Retrier.Listener() {
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
    };
    Circuit.Call call = circuit.call();
    try {
      while (true) {
        Retrier.Result<T> result;
        try {
          result = retrier.run(() -> {
            call.admit();
            ParamRules used = rules.rules();
            boolean streamNow = stream && !used.drops("stream");
            ObjectNode wire = used.apply(streamNow ? streaming(body) : body);
            beforeSend.accept(wire);
            Request request = Request.post(target, h, Json.bytes(wire), Request.JSON, timeout);
            return attempt(request, streamNow, tokenEstimate, observer, decode, (error, status, lastError, w, u) -> {
              Outcome<T> o = badRequest.handle(error, status, lastError, w, u);
              if (o instanceof Outcome.Done<T>) {
                observer.retry(lastError); // refused for its mode: the caller asks again in a lower one
              }
              return o;
            }, wire, used);
          }, listener);
        } catch (ItemFailedException e) {
          observer.failure(e.getMessage());
          call.succeeded(); // the server answered: it is up
          throw e;
        }
        switch (result) {
          case Retrier.Result.Success<T> ok -> {
            call.succeeded();
            return ok.value();
          }
          case Retrier.Result.Failure<T> failed -> {
            String last = failed.lastError() + (failed.refusedWait() == null ? "" : "; " + failed.why());
            switch (call.failed(last, failed.status())) {
              case CLOSED -> {
                if (perItem) {
                  throw new CallFailedException(label, failed.attempts(), last);
                }
                throw new EndpointException("gave up on " + label + " after " + failed.attempts()
                    + (failed.attempts() == 1 ? " attempt" : " attempts") + "; last error: " + last, failed.status());
              }
              case DOWN -> throw circuit.downException();
              case OPEN, PROBING -> LOG.warn("{}: {} calls in a row failed; probing whether the endpoint is up",
                  label, Circuit.TRIP_AFTER);
            }
          }
        }
      }
    } finally {
      call.release();
    }
  }

  private ObjectNode streaming(ObjectNode body) {
    ObjectNode copy = body.deepCopy();
    adapter.requestStream(copy);
    return copy;
  }

  private <T> Outcome<T> attempt(Request request, boolean stream, long tokenEstimate, Observer observer,
      Function<JsonNode, Decoded<T>> decode, BadRequestHandler<T> badRequest, ObjectNode wire, ParamRules used)
      throws InterruptedException {
    requests.acquire(1);
    tokens.acquire(tokenEstimate);
    limiter.acquire();
    long start = System.nanoTime();
    Response response;
    @Nullable StreamAssembler assembler = stream ? adapter.assembler() : null;
    try {
      if (assembler != null) {
        SseEvents events = new SseEvents(assembler);
        response = http.stream(request, stall, events);
        events.end();
      } else {
        response = http.send(request);
      }
    } catch (HttpTimeoutException e) {
      limiter.onOverload();
      String stalled = stream ? e.getMessage() : null;
      return Outcome.failed(stalled != null ? stalled : "timed out after " + config.timeoutSecondsOrDefault() + " s",
          0);
    } catch (IOException e) {
      limiter.onIgnore();
      return Outcome.failed("connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()), 0);
    } catch (InterruptedException e) {
      // The run stopped (another item ended it, or Ctrl-C) while this request was on the wire: the server may have
      // received and billed it, so it is counted as a failed call rather than vanishing from the usage totals.
      limiter.onIgnore();
      observer.failure("abandoned in flight: the run stopped");
      throw e;
    }
    int status = response.status();
    if (response.ok()) {
      return success(response, assembler, start, tokenEstimate, decode);
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
      return badRequest.handle(error, status, lastError, wire, used);
    }
    if (!retryable(status)) {
      throw rejected(lastError, status);
    }
    return new Outcome.Failed<>(lastError, status, response.retryAfter());
  }

  private <T> Outcome<T> success(Response response, @Nullable StreamAssembler assembler, long start, long tokenEstimate,
      Function<JsonNode, Decoded<T>> decode) {
    int status = response.status();
    JsonNode json;
    if (assembler != null) {
      String problem = assembler.problem();
      if (problem != null) {
        if (assembler.overloaded()) {
          limiter.onOverload();
        } else {
          limiter.onIgnore();
        }
        return Outcome.failed(problem, status);
      }
      json = assembler.body();
    } else {
      try {
        json = Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        limiter.onIgnore();
        return Outcome.failed("HTTP " + status + " with a body that is not JSON", status);
      }
    }
    Decoded<T> decoded = decode.apply(json);
    if (decoded.broken() != null) {
      limiter.onIgnore();
      return Outcome.failed("HTTP " + status + " with " + decoded.broken(), status);
    }
    limiter.onSuccess(System.nanoTime() - start, Math.max(1, decoded.usage().completion()));
    tokens.refund(tokenEstimate - decoded.usage().total());
    if (response.headers().get(SIMULATED_HEADER_KEY) != null) {
      simulated = true; // a `synthkit simulate` server behind provider: openai still marks the run as simulated
    }
    // A decoder reports either a value or why the body is broken.
    return new Outcome.Done<>(Objects.requireNonNull(decoded.value(), "decoded value"));
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
  }
}
