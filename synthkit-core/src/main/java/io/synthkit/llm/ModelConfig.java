package io.synthkit.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.Sampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the config's {@code models:} map: the endpoint a role talks to and how. A role's entry is layered over
 * {@code models.default} field by field ({@link #over(ModelConfig)}), so roles only state what differs.
 *
 * @param provider openai | anthropic | simulated
 * @param baseUrl the API base, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1}
 * @param apiKey the key; use {@code ${OPENAI_API_KEY}}; never written to disk
 * @param model the model id
 * @param temperature default temperature for this role
 * @param topP default top_p for this role
 * @param maxTokens default reply token limit
 * @param seed provider-side sampling seed, where supported
 * @param stop stop sequences
 * @param maxConcurrency most calls in flight to this endpoint
 * @param requestsPerMinute request budget per minute (0 or absent = unlimited)
 * @param tokensPerMinute token budget per minute (0 or absent = unlimited)
 * @param timeoutSeconds per-request timeout
 * @param maxRetries retries for 429, 5xx, timeouts and connection errors
 * @param contextTokens the model's context window in tokens, or {@code null} for its family's default
 * @param maxRetryAfterSeconds the longest {@code Retry-After} a call waits; a longer one fails the call instead
 * @param reasoningEffort a reasoning model's effort, sent as {@code reasoning_effort} (OpenAI-compatible servers)
 * @param stream receive replies as server-sent events (usage from the final event)
 * @param stallTimeoutSeconds a streamed reply that sends nothing for this long fails its attempt
 * @param maxRepairs re-asks after a reply that does not match the schema
 * @param structuredOutput how JSON is requested
 * @param adaptiveConcurrency lower concurrency on 429s and rising latency (AIMD), raise it back when healthy
 * @param price dollars per million tokens
 * @param headers extra HTTP headers (values are treated as secrets)
 * @param extraBody extra request-body fields for vendor options (e.g. vLLM {@code top_k}, {@code min_p})
 * @param simulator options of the built-in simulator (provider simulated)
 * @param promptCache mark the stable prompt prefix for the provider's prompt cache (Anthropic {@code cache_control}
 *     breakpoints on the system prompt and the last message before the varying one); default on for Anthropic.
 *     OpenAI-compatible servers cache identical prefixes by themselves, so there it changes nothing
 * @param batch send this role's calls through the provider's batch API (half the price, results within 24 hours)
 * @param batchMaxRequests most requests in one batch job (default 1,000)
 * @param batchPollSeconds how often a running batch job is polled (default 30)
 * @param batchWindow how long calls are collected before a batch job is submitted, in seconds (default 2)
 * @param baseUrls several API bases serving the same model (replicas), instead of {@code baseUrl}: each is an endpoint
 *     with its own concurrency, rate limits, adaptive limiter and circuit breaker, and each call goes to the one with
 *     the fewest calls in flight (ties in list order, round-robin), so N replicas give N times the rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(
    @JsonPropertyDescription("openai | anthropic | simulated") @Nullable ProviderKind provider,
    @JsonProperty("base_url") @JsonPropertyDescription("API base URL") @Nullable String baseUrl,
    @JsonProperty("api_key") @JsonPropertyDescription("API key; use ${ENV_VAR}; never written to disk")
        @Nullable String apiKey,
    @JsonPropertyDescription("model id") @Nullable String model,
    @JsonPropertyDescription("sampling temperature, 0..2") @Nullable Double temperature,
    @JsonProperty("top_p") @JsonPropertyDescription("nucleus sampling mass, 0..1") @Nullable Double topP,
    @JsonProperty("max_tokens") @JsonPropertyDescription("reply token limit") @Nullable Integer maxTokens,
    @JsonPropertyDescription("provider-side sampling seed") @Nullable Long seed,
    @JsonPropertyDescription("stop sequences") @Nullable List<String> stop,
    @JsonProperty("max_concurrency") @JsonPropertyDescription("most calls in flight (default 16)")
        @Nullable Integer maxConcurrency,
    @JsonProperty("requests_per_minute") @JsonPropertyDescription("request budget per minute")
        @Nullable Integer requestsPerMinute,
    @JsonProperty("tokens_per_minute") @JsonPropertyDescription("token budget per minute")
        @Nullable Integer tokensPerMinute,
    @JsonProperty("timeout_seconds") @JsonPropertyDescription("per-request timeout (default 120)")
        @Nullable Integer timeoutSeconds,
    @JsonProperty("max_retries") @JsonPropertyDescription("retries on 429/5xx/timeouts (default 6)")
        @Nullable Integer maxRetries,
    @JsonProperty("max_repairs") @JsonPropertyDescription("re-asks after an invalid structured reply (default 2)")
        @Nullable Integer maxRepairs,
    @JsonProperty("structured_output") @JsonPropertyDescription("auto | json_schema | tool | json_object | prompt")
        @Nullable StructuredMode structuredOutput,
    @JsonProperty("adaptive_concurrency") @JsonPropertyDescription("AIMD concurrency control (default true)")
        @Nullable Boolean adaptiveConcurrency,
    @JsonPropertyDescription("USD per 1M tokens: {input_per_mtok, output_per_mtok}") @Nullable Price price,
    @JsonPropertyDescription("extra HTTP headers") @Nullable Map<String, String> headers,
    @JsonProperty("extra_body") @JsonPropertyDescription("extra request fields, e.g. {top_k: 40}")
        @Nullable Map<String, Object> extraBody,
    @JsonPropertyDescription("simulator options (provider simulated)") @Nullable ObjectNode simulator,
    @JsonProperty("max_retry_after_seconds")
    @JsonPropertyDescription("longest Retry-After a call waits; longer fails the call (default 120)")
        @Nullable Integer maxRetryAfterSeconds,
    @JsonProperty("reasoning_effort")
    @JsonPropertyDescription("reasoning models' effort, e.g. low | medium | high") @Nullable String reasoningEffort,
    @JsonPropertyDescription("stream replies as server-sent events (default false)") @Nullable Boolean stream,
    @JsonProperty("stall_timeout_seconds")
    @JsonPropertyDescription("a stream silent this long fails its attempt (default 60)")
        @Nullable Integer stallTimeoutSeconds,
    @JsonProperty("prompt_cache")
    @JsonPropertyDescription("mark the stable prompt prefix for the provider's prompt cache (default true; Anthropic"
        + " cache_control breakpoints)") @Nullable Boolean promptCache,
    @JsonPropertyDescription("send calls through the provider's batch API (default false)") @Nullable Boolean batch,
    @JsonProperty("batch_max_requests") @JsonPropertyDescription("most requests per batch job (default 1000)")
        @Nullable Integer batchMaxRequests,
    @JsonProperty("batch_poll_seconds") @JsonPropertyDescription("poll interval of a batch job (default 30)")
        @Nullable Double batchPollSeconds,
    @JsonProperty("batch_window") @JsonPropertyDescription("seconds calls are collected into a batch job (default 2)")
        @Nullable Double batchWindow,
    @JsonProperty("context_tokens")
    @JsonPropertyDescription("the model's context window in tokens; a prompt estimated over it is rejected before it"
        + " is sent (default by model family, 128000 for unknown models)") @Nullable Integer contextTokens,
    @JsonProperty("base_urls")
    @JsonPropertyDescription("several API base URLs serving the same model (replicas); calls go to the least busy;"
        + " instead of base_url") @Nullable List<String> baseUrls) {

  /** Checks ranges, so a bad value is reported when the config is loaded, with its key. */
  public ModelConfig {
    check(temperature == null || (temperature >= 0 && temperature <= 2), "temperature must be in [0, 2]: "
        + temperature);
    check(topP == null || (topP >= 0 && topP <= 1), "top_p must be in [0, 1]: " + topP);
    check(maxTokens == null || maxTokens > 0, "max_tokens must be positive: " + maxTokens);
    check(maxConcurrency == null || maxConcurrency >= 1, "max_concurrency must be at least 1: " + maxConcurrency);
    check(requestsPerMinute == null || requestsPerMinute >= 0, "requests_per_minute must not be negative: "
        + requestsPerMinute);
    check(tokensPerMinute == null || tokensPerMinute >= 0, "tokens_per_minute must not be negative: "
        + tokensPerMinute);
    check(timeoutSeconds == null || timeoutSeconds > 0, "timeout_seconds must be positive: " + timeoutSeconds);
    check(maxRetries == null || maxRetries >= 0, "max_retries must not be negative: " + maxRetries);
    check(maxRepairs == null || maxRepairs >= 0, "max_repairs must not be negative: " + maxRepairs);
    check(reasoningEffort == null || !reasoningEffort.isBlank(), "reasoning_effort must not be blank");
    check(stallTimeoutSeconds == null || stallTimeoutSeconds > 0, "stall_timeout_seconds must be positive: "
        + stallTimeoutSeconds);
    check(maxRetryAfterSeconds == null || maxRetryAfterSeconds >= 0, "max_retry_after_seconds must not be negative: "
        + maxRetryAfterSeconds);
    check(contextTokens == null || contextTokens > 0, "context_tokens must be positive: " + contextTokens);
    check(baseUrl == null || baseUrl.startsWith("http://") || baseUrl.startsWith("https://"),
        "base_url must start with http:// or https://: " + baseUrl);
    check(batchMaxRequests == null || batchMaxRequests >= 1, "batch_max_requests must be at least 1: "
        + batchMaxRequests);
    check(batchPollSeconds == null || batchPollSeconds >= 0, "batch_poll_seconds must not be negative: "
        + batchPollSeconds);
    check(batchWindow == null || batchWindow >= 0, "batch_window must not be negative: " + batchWindow);
    baseUrls = checkedUrls(baseUrl, baseUrls);
  }

  /**
   * An entry without {@code base_urls} (the form before it existed).
   *
   * @param provider see the record
   * @param baseUrl see the record
   * @param apiKey see the record
   * @param model see the record
   * @param temperature see the record
   * @param topP see the record
   * @param maxTokens see the record
   * @param seed see the record
   * @param stop see the record
   * @param maxConcurrency see the record
   * @param requestsPerMinute see the record
   * @param tokensPerMinute see the record
   * @param timeoutSeconds see the record
   * @param maxRetries see the record
   * @param maxRepairs see the record
   * @param structuredOutput see the record
   * @param adaptiveConcurrency see the record
   * @param price see the record
   * @param headers see the record
   * @param extraBody see the record
   * @param simulator see the record
   * @param maxRetryAfterSeconds see the record
   * @param reasoningEffort see the record
   * @param stream see the record
   * @param stallTimeoutSeconds see the record
   * @param promptCache see the record
   * @param batch see the record
   * @param batchMaxRequests see the record
   * @param batchPollSeconds see the record
   * @param batchWindow see the record
   * @param contextTokens see the record
   */
  public ModelConfig(@Nullable ProviderKind provider, @Nullable String baseUrl, @Nullable String apiKey,
      @Nullable String model, @Nullable Double temperature, @Nullable Double topP, @Nullable Integer maxTokens,
      @Nullable Long seed, @Nullable List<String> stop, @Nullable Integer maxConcurrency,
      @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute, @Nullable Integer timeoutSeconds,
      @Nullable Integer maxRetries, @Nullable Integer maxRepairs, @Nullable StructuredMode structuredOutput,
      @Nullable Boolean adaptiveConcurrency, @Nullable Price price, @Nullable Map<String, String> headers,
      @Nullable Map<String, Object> extraBody, @Nullable ObjectNode simulator, @Nullable Integer maxRetryAfterSeconds,
      @Nullable String reasoningEffort, @Nullable Boolean stream, @Nullable Integer stallTimeoutSeconds,
      @Nullable Boolean promptCache, @Nullable Boolean batch, @Nullable Integer batchMaxRequests,
      @Nullable Double batchPollSeconds, @Nullable Double batchWindow, @Nullable Integer contextTokens) {
    this(provider, baseUrl, apiKey, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds, reasoningEffort, stream,
        stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds, batchWindow, contextTokens, null);
  }

  /** One of base_url and base_urls; a list that is not empty, of distinct http(s) URLs (shown without credentials). */
  private static @Nullable List<String> checkedUrls(@Nullable String baseUrl, @Nullable List<String> baseUrls) {
    if (baseUrls == null) {
      return null;
    }
    check(baseUrl == null, "base_url and base_urls are both set; use base_url for one server or base_urls for"
        + " several");
    check(!baseUrls.isEmpty(), "base_urls is empty; list at least one URL (or use base_url)");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < baseUrls.size(); i++) {
      String u = baseUrls.get(i);
      check(u != null && !u.isBlank(), "base_urls[" + i + "] is empty");
      Secrets.registerUrl(u);
      check(u.startsWith("http://") || u.startsWith("https://"), "base_urls[" + i
          + "] must start with http:// or https://: " + Secrets.redact(u));
      // Endpoints are told apart by URL: a URL listed twice would be one endpoint counted as two replicas.
      check(seen.add(OpenAiAdapter.stripSlash(u.strip())), "base_urls lists " + Secrets.redact(u) + " twice");
    }
    return List.copyOf(baseUrls);
  }

  /**
   * An entry without the prompt-cache, batch and context-window settings (the form before they existed).
   *
   * @param provider see the record
   * @param baseUrl see the record
   * @param apiKey see the record
   * @param model see the record
   * @param temperature see the record
   * @param topP see the record
   * @param maxTokens see the record
   * @param seed see the record
   * @param stop see the record
   * @param maxConcurrency see the record
   * @param requestsPerMinute see the record
   * @param tokensPerMinute see the record
   * @param timeoutSeconds see the record
   * @param maxRetries see the record
   * @param maxRepairs see the record
   * @param structuredOutput see the record
   * @param adaptiveConcurrency see the record
   * @param price see the record
   * @param headers see the record
   * @param extraBody see the record
   * @param simulator see the record
   * @param maxRetryAfterSeconds see the record
   * @param reasoningEffort see the record
   * @param stream see the record
   * @param stallTimeoutSeconds see the record
   */
  public ModelConfig(@Nullable ProviderKind provider, @Nullable String baseUrl, @Nullable String apiKey,
      @Nullable String model, @Nullable Double temperature, @Nullable Double topP, @Nullable Integer maxTokens,
      @Nullable Long seed, @Nullable List<String> stop, @Nullable Integer maxConcurrency,
      @Nullable Integer requestsPerMinute, @Nullable Integer tokensPerMinute, @Nullable Integer timeoutSeconds,
      @Nullable Integer maxRetries, @Nullable Integer maxRepairs, @Nullable StructuredMode structuredOutput,
      @Nullable Boolean adaptiveConcurrency, @Nullable Price price, @Nullable Map<String, String> headers,
      @Nullable Map<String, Object> extraBody, @Nullable ObjectNode simulator, @Nullable Integer maxRetryAfterSeconds,
      @Nullable String reasoningEffort, @Nullable Boolean stream, @Nullable Integer stallTimeoutSeconds) {
    this(provider, baseUrl, apiKey, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds, reasoningEffort, stream,
        stallTimeoutSeconds, null, null, null, null, null, null, null);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** An entry with nothing set. */
  public static final ModelConfig EMPTY = new ModelConfig(null, null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
      null, null, null);

  /**
   * Layers this entry over a base: fields set here win; maps are merged with entries set here winning.
   *
   * @param base usually {@code models.default}
   * @return the combined entry
   */
  public ModelConfig over(ModelConfig base) {
    // base_url and base_urls say one thing (where the role's servers are): a role that sets either replaces both.
    boolean ownUrls = baseUrl != null || baseUrls != null;
    return new ModelConfig(
        pick(provider, base.provider), ownUrls ? baseUrl : base.baseUrl, pick(apiKey, base.apiKey),
        pick(model, base.model),
        pick(temperature, base.temperature), pick(topP, base.topP), pick(maxTokens, base.maxTokens),
        pick(seed, base.seed), pick(stop, base.stop), pick(maxConcurrency, base.maxConcurrency),
        pick(requestsPerMinute, base.requestsPerMinute), pick(tokensPerMinute, base.tokensPerMinute),
        pick(timeoutSeconds, base.timeoutSeconds), pick(maxRetries, base.maxRetries),
        pick(maxRepairs, base.maxRepairs), pick(structuredOutput, base.structuredOutput),
        pick(adaptiveConcurrency, base.adaptiveConcurrency), pick(price, base.price),
        merge(base.headers, headers), merge(base.extraBody, extraBody), pick(simulator, base.simulator),
        pick(maxRetryAfterSeconds, base.maxRetryAfterSeconds), pick(reasoningEffort, base.reasoningEffort),
        pick(stream, base.stream), pick(stallTimeoutSeconds, base.stallTimeoutSeconds),
        pick(promptCache, base.promptCache), pick(batch, base.batch),
        pick(batchMaxRequests, base.batchMaxRequests), pick(batchPollSeconds, base.batchPollSeconds),
        pick(batchWindow, base.batchWindow), pick(contextTokens, base.contextTokens),
        ownUrls ? baseUrls : base.baseUrls);
  }

  /**
   * Returns the role's default sampling.
   *
   * @return temperature, top_p, max_tokens, seed and stop from this entry
   */
  public Sampling sampling() {
    return new Sampling(temperature, topP, maxTokens, seed, stop);
  }

  /**
   * Returns a copy that talks to another provider and base URL (used to point a role at the simulator); any
   * {@code base_urls} are dropped.
   *
   * @param kind the provider
   * @param url the base URL, or {@code null} for the provider's own API
   * @return the copy
   */
  public ModelConfig withEndpoint(ProviderKind kind, @Nullable String url) {
    return new ModelConfig(kind, url, apiKey, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds,
        reasoningEffort, stream, stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds,
        batchWindow, contextTokens, null);
  }

  /**
   * Returns a copy with another API key.
   *
   * @param key the key
   * @return the copy
   */
  public ModelConfig withApiKey(String key) {
    return new ModelConfig(provider, baseUrl, key, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds,
        reasoningEffort, stream, stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds,
        batchWindow, contextTokens, baseUrls);
  }

  /**
   * Returns a copy with other simulator options.
   *
   * @param options the options, or {@code null} for none
   * @return the copy
   */
  public ModelConfig withSimulator(@Nullable ObjectNode options) {
    return new ModelConfig(provider, baseUrl, apiKey, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, options, maxRetryAfterSeconds,
        reasoningEffort, stream, stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds,
        batchWindow, contextTokens, baseUrls);
  }

  /**
   * Returns a copy with another model id.
   *
   * @param id the model id
   * @return the copy
   */
  public ModelConfig withModel(String id) {
    return new ModelConfig(provider, baseUrl, apiKey, id, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds,
        reasoningEffort, stream, stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds,
        batchWindow, contextTokens, baseUrls);
  }

  /**
   * Returns a copy that spreads its calls over these servers (replicas of the same model), in place of its
   * {@code base_url} or {@code base_urls}. One URL pins the role to that server.
   *
   * @param urls the API base URLs, at least one
   * @return the copy
   */
  public ModelConfig withBaseUrls(List<String> urls) {
    return new ModelConfig(provider, null, apiKey, model, temperature, topP, maxTokens, seed, stop, maxConcurrency,
        requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, maxRepairs, structuredOutput,
        adaptiveConcurrency, price, headers, extraBody, simulator, maxRetryAfterSeconds,
        reasoningEffort, stream, stallTimeoutSeconds, promptCache, batch, batchMaxRequests, batchPollSeconds,
        batchWindow, contextTokens, urls);
  }

  /**
   * Returns a copy whose {@code base_urls} list starts at another entry (the list rotated): ties in load go to the
   * earliest entry, so runs that start together (the shards of a sharded run, each rotated by its number) send their
   * first calls to different servers instead of all to the first. A role with a single URL is returned unchanged.
   *
   * @param start the index of the entry to start at; taken modulo the list's size, so a shard number may be passed
   * @return the copy
   */
  public ModelConfig startingAt(int start) {
    if (baseUrls == null || baseUrls.size() < 2) {
      return this;
    }
    int from = Math.floorMod(start, baseUrls.size());
    List<String> rotated = new ArrayList<>(baseUrls.subList(from, baseUrls.size()));
    rotated.addAll(baseUrls.subList(0, from));
    return withBaseUrls(rotated);
  }

  /**
   * Returns the servers this role's calls go to: its {@code base_urls}, else its {@code base_url} (which may be
   * {@code null}, the provider's own API).
   *
   * @return one URL per endpoint, in configured order
   */
  public List<@Nullable String> endpointUrls() {
    return baseUrls != null ? java.util.Collections.<@Nullable String>unmodifiableList(baseUrls)
        : java.util.Collections.singletonList(baseUrl);
  }

  /** @return whether calls go through the provider's batch API, default false */
  public boolean batchOrDefault() {
    return Boolean.TRUE.equals(batch);
  }

  /** @return most requests per batch job, default 1,000 */
  public int batchMaxRequestsOrDefault() {
    return batchMaxRequests == null ? 1_000 : batchMaxRequests;
  }

  /** @return seconds between polls of a batch job, default 30 */
  public double batchPollSecondsOrDefault() {
    return batchPollSeconds == null ? 30 : batchPollSeconds;
  }

  /** @return seconds calls are collected before a batch job is sent, default 2 */
  public double batchWindowOrDefault() {
    return batchWindow == null ? 2 : batchWindow;
  }

  /** @return the concurrency limit, default 16 */
  public int maxConcurrencyOrDefault() {
    return maxConcurrency == null ? 16 : maxConcurrency;
  }

  /** @return the timeout in seconds, default 120 */
  public int timeoutSecondsOrDefault() {
    return timeoutSeconds == null ? 120 : timeoutSeconds;
  }

  /** @return the retry limit, default 6 */
  public int maxRetriesOrDefault() {
    return maxRetries == null ? 6 : maxRetries;
  }

  /** @return the longest Retry-After honoured, in seconds, default 120 */
  public int maxRetryAfterSecondsOrDefault() {
    return maxRetryAfterSeconds == null ? 120 : maxRetryAfterSeconds;
  }

  /**
   * Returns the model's context window: {@code context_tokens}, else the published window of the model's family
   * (see {@link ContextWindows}).
   *
   * @return tokens the prompt and the reply share
   */
  public int contextTokensOrDefault() {
    return contextTokens != null ? contextTokens : ContextWindows.of(provider, model);
  }

  /** @return whether replies stream, default false */
  public boolean streamOrDefault() {
    return stream != null && stream;
  }

  /** @return the stall timeout of streams in seconds, default 60 */
  public int stallTimeoutSecondsOrDefault() {
    return stallTimeoutSeconds == null ? 60 : stallTimeoutSeconds;
  }

  /** @return the re-ask limit, default 2 */
  public int maxRepairsOrDefault() {
    return maxRepairs == null ? 2 : maxRepairs;
  }

  /** @return the structured-output mode, default auto */
  public StructuredMode structuredOutputOrDefault() {
    return structuredOutput == null ? StructuredMode.AUTO : structuredOutput;
  }

  /** @return whether adaptive concurrency is on, default true */
  public boolean adaptiveOrDefault() {
    return adaptiveConcurrency == null || adaptiveConcurrency;
  }

  /** @return whether to mark the prompt's stable prefix for the provider's prompt cache, default true */
  public boolean promptCacheOrDefault() {
    return promptCache == null || promptCache;
  }

  /** @return the price, default free */
  public Price priceOrFree() {
    return price == null ? Price.FREE : price;
  }

  private static <T> @Nullable T pick(@Nullable T mine, @Nullable T base) {
    return mine != null ? mine : base;
  }

  private static <V> @Nullable Map<String, V> merge(@Nullable Map<String, V> base,
      @Nullable Map<String, V> mine) {
    if (base == null) {
      return mine;
    }
    if (mine == null) {
      return base;
    }
    Map<String, V> out = new LinkedHashMap<>(base);
    out.putAll(mine);
    return out;
  }

  /**
   * Starts a builder for an OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp, LM Studio, SGLang).
   *
   * @param baseUrl the API base, or {@code null} for api.openai.com
   * @param model the model id
   * @return the builder
   */
  public static Builder openAi(@Nullable String baseUrl, String model) {
    return new Builder().provider(ProviderKind.OPENAI).baseUrl(baseUrl).model(model);
  }

  /**
   * Starts a builder for the Anthropic Messages API.
   *
   * @param model the model id
   * @param apiKey the key
   * @return the builder
   */
  public static Builder anthropic(String model, String apiKey) {
    return new Builder().provider(ProviderKind.ANTHROPIC).model(model).apiKey(apiKey);
  }

  /**
   * Starts a builder for the built-in simulator.
   *
   * @return the builder
   */
  public static Builder simulated() {
    return new Builder().provider(ProviderKind.SIMULATED);
  }

  /** Builds a {@link ModelConfig} by name instead of by position. Not thread-safe. */
  public static final class Builder {
    private @Nullable ProviderKind provider;
    private @Nullable String baseUrl;
    private @Nullable String apiKey;
    private @Nullable String model;
    private @Nullable Double temperature;
    private @Nullable Double topP;
    private @Nullable Integer maxTokens;
    private @Nullable Integer maxConcurrency;
    private @Nullable Integer requestsPerMinute;
    private @Nullable Integer tokensPerMinute;
    private @Nullable Integer timeoutSeconds;
    private @Nullable Integer maxRetries;
    private @Nullable StructuredMode structuredOutput;
    private @Nullable Price price;
    private @Nullable Boolean promptCache;
    private @Nullable ObjectNode simulator;
    private @Nullable Integer maxRetryAfterSeconds;
    private @Nullable Integer contextTokens;
    private @Nullable String reasoningEffort;
    private @Nullable Boolean stream;
    private @Nullable Integer stallTimeoutSeconds;
    private @Nullable List<String> baseUrls;

    private Builder() {}

    /**
     * Spreads the calls over several servers of the same model instead of one base URL (clears {@link #baseUrl}).
     *
     * @param v the API base URLs
     * @return this builder
     */
    public Builder baseUrls(List<String> v) {
      baseUrls = v;
      baseUrl = null;
      return this;
    }

    /** @param v the provider @return this builder */
    public Builder provider(ProviderKind v) {
      provider = v;
      return this;
    }

    /** @param v the base URL @return this builder */
    public Builder baseUrl(@Nullable String v) {
      baseUrl = v;
      return this;
    }

    /** @param v the API key @return this builder */
    public Builder apiKey(String v) {
      apiKey = v;
      return this;
    }

    /** @param v the model id @return this builder */
    public Builder model(String v) {
      model = v;
      return this;
    }

    /** @param v the temperature @return this builder */
    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    /** @param v top_p @return this builder */
    public Builder topP(double v) {
      topP = v;
      return this;
    }

    /** @param v the reply token limit @return this builder */
    public Builder maxTokens(int v) {
      maxTokens = v;
      return this;
    }

    /** @param v calls in flight @return this builder */
    public Builder maxConcurrency(int v) {
      maxConcurrency = v;
      return this;
    }

    /** @param v requests per minute @return this builder */
    public Builder requestsPerMinute(int v) {
      requestsPerMinute = v;
      return this;
    }

    /** @param v tokens per minute @return this builder */
    public Builder tokensPerMinute(int v) {
      tokensPerMinute = v;
      return this;
    }

    /** @param v per-request timeout @return this builder */
    public Builder timeoutSeconds(int v) {
      timeoutSeconds = v;
      return this;
    }

    /** @param v retries @return this builder */
    public Builder maxRetries(int v) {
      maxRetries = v;
      return this;
    }

    /** @param v the structured-output mode @return this builder */
    public Builder structuredOutput(StructuredMode v) {
      structuredOutput = v;
      return this;
    }

    /** @param inputPerMtok USD per 1M prompt tokens @param outputPerMtok USD per 1M completion tokens
     *  @return this builder */
    public Builder price(double inputPerMtok, double outputPerMtok) {
      price = new Price(inputPerMtok, outputPerMtok);
      return this;
    }

    /** @param v the longest Retry-After honoured, in seconds @return this builder */
    public Builder maxRetryAfterSeconds(int v) {
      maxRetryAfterSeconds = v;
      return this;
    }

    /** @param v a reasoning model's effort, e.g. {@code low} @return this builder */
    public Builder reasoningEffort(String v) {
      reasoningEffort = v;
      return this;
    }

    /** @param v whether replies stream @return this builder */
    public Builder stream(boolean v) {
      stream = v;
      return this;
    }

    /** @param v a stream's longest silence, in seconds @return this builder */
    public Builder stallTimeoutSeconds(int v) {
      stallTimeoutSeconds = v;
      return this;
    }

    /** @param v the model's context window in tokens @return this builder */
    public Builder contextTokens(int v) {
      contextTokens = v;
      return this;
    }

    /** @param v simulator behaviour @return this builder */
    public Builder simulator(ObjectNode v) {
      simulator = v;
      return this;
    }

    /** @param v the price, cache prices included @return this builder */
    public Builder price(Price v) {
      price = v;
      return this;
    }

    /** @param v mark the stable prefix for the provider's prompt cache @return this builder */
    public Builder promptCache(@Nullable Boolean v) {
      promptCache = v;
      return this;
    }

    /** @return the config */
    public ModelConfig build() {
      return new ModelConfig(provider, baseUrl, apiKey, model, temperature, topP, maxTokens, null, null,
          maxConcurrency, requestsPerMinute, tokensPerMinute, timeoutSeconds, maxRetries, null, structuredOutput,
          null, price, null, null, simulator, maxRetryAfterSeconds, reasoningEffort, stream, stallTimeoutSeconds,
          promptCache, null, null, null, null, contextTokens, baseUrls);
    }
  }
}
