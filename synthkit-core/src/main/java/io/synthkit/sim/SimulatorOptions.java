package io.synthkit.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the built-in simulator behaves: its latency, its in-flight capacity, the faults it injects and how strict it is
 * (profile, accepted keys, served models). Rates are probabilities per request in [0, 1]. All fields are optional.
 *
 * @param latencyMs fixed latency added to every reply
 * @param latencyJitterMs a uniform random extra latency in [0, jitter]
 * @param capacity most requests in flight; beyond it the simulator answers 429 with Retry-After (0 = unlimited)
 * @param retryAfterSeconds the Retry-After value of injected and capacity 429s
 * @param rateLimit rate of injected 429 replies
 * @param serverError rate of 500/503 replies (Anthropic: 500/529 overloaded)
 * @param timeout rate of requests that hang past {@code timeoutMs}
 * @param timeoutMs how long a "timeout" request hangs
 * @param fenced rate of JSON replies wrapped in a ```json fence
 * @param prose rate of JSON replies wrapped in explanatory prose
 * @param truncated rate of replies cut off with finish_reason "length"
 * @param malformed rate of JSON replies with syntax damage (trailing comma, missing brace)
 * @param invalid rate of JSON replies that violate the schema (a wrong type)
 * @param seed seed of the simulator's own randomness (content and faults)
 * @param approximateTokens report usage as characters/4 instead of counting o200k tokens (cheaper; used by the
 *     throughput benchmark, where the simulator shares the machine's cores with the client under test)
 * @param recordCalls count requests per sample key for {@link Simulator#callKeyCounts()} (default true; the map grows
 *     with every distinct key, so long-running servers turn it off)
 * @param profile force one {@link Profile} (by its wire name) for every model instead of choosing it by model name
 * @param apiKeys the only API keys accepted; when absent any non-empty key is (a missing key is a 401, except under
 *     the {@code ollama} profile, which needs none); an empty list makes an open server that needs no key, like vLLM
 *     started without {@code --api-key}
 * @param models the only model ids served (plus the simulator's own fine-tuned models); when absent any name is
 *     served, otherwise an unknown model is a 404
 * @param batchPolls how many status polls a batch job (OpenAI Batch, Anthropic Message Batches) stays in progress
 *     before it ends (default 1): the completion delay, counted in polls so that tests do not depend on time
 * @param batchFailure rate of a batch's requests that fail with a server error (the error file, {@code errored})
 * @param batchExpiry rate of a batch's requests left unprocessed when its window closes; above 0 a batch with such
 *     requests ends {@code expired} (Anthropic: {@code ended}, those requests {@code expired})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulatorOptions(
    @JsonProperty("latency_ms") @JsonPropertyDescription("fixed latency per reply") @Nullable Integer latencyMs,
    @JsonProperty("latency_jitter_ms") @JsonPropertyDescription("extra random latency")
        @Nullable Integer latencyJitterMs,
    @JsonPropertyDescription("most requests in flight before 429 (0 = unlimited)") @Nullable Integer capacity,
    @JsonProperty("retry_after_seconds") @JsonPropertyDescription("Retry-After of 429 replies")
        @Nullable Integer retryAfterSeconds,
    @JsonProperty("rate_limit") @JsonPropertyDescription("rate of injected 429s") @Nullable Double rateLimit,
    @JsonProperty("server_error") @JsonPropertyDescription("rate of 500/503 (Anthropic 500/529)")
        @Nullable Double serverError,
    @JsonPropertyDescription("rate of hanging requests") @Nullable Double timeout,
    @JsonProperty("timeout_ms") @JsonPropertyDescription("how long a hanging request hangs")
        @Nullable Integer timeoutMs,
    @JsonPropertyDescription("rate of ```json-fenced replies") @Nullable Double fenced,
    @JsonPropertyDescription("rate of prose-wrapped replies") @Nullable Double prose,
    @JsonPropertyDescription("rate of truncated replies") @Nullable Double truncated,
    @JsonPropertyDescription("rate of syntactically damaged JSON") @Nullable Double malformed,
    @JsonPropertyDescription("rate of schema-violating JSON") @Nullable Double invalid,
    @JsonPropertyDescription("simulator randomness seed") @Nullable Long seed,
    @JsonProperty("approximate_tokens") @JsonPropertyDescription("usage as characters/4 instead of exact counts")
        @Nullable Boolean approximateTokens,
    @JsonProperty("record_calls") @JsonPropertyDescription("count requests per sample key (default true)")
        @Nullable Boolean recordCalls,
    @JsonPropertyDescription("force a profile: openai | reasoning | ollama | no-json-schema (default: by model name)")
        @Nullable String profile,
    @JsonProperty("api_keys")
    @JsonPropertyDescription("the only accepted API keys (default: any non-empty key; [] = no key needed)")
        @Nullable List<String> apiKeys,
    @JsonPropertyDescription("the only model ids served (default: any)") @Nullable List<String> models,
    @JsonProperty("batch_polls") @JsonPropertyDescription("polls a batch job stays in progress (default 1)")
        @Nullable Integer batchPolls,
    @JsonProperty("batch_failure") @JsonPropertyDescription("rate of failed requests in a batch job")
        @Nullable Double batchFailure,
    @JsonProperty("batch_expiry") @JsonPropertyDescription("rate of a batch job's requests that expire unprocessed")
        @Nullable Double batchExpiry) {

  /** A fast, well-behaved simulator. */
  public static final SimulatorOptions DEFAULT = new SimulatorOptions(null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null, null);

  /** Checks the profile name and copies the lists. */
  public SimulatorOptions {
    if (profile != null) {
      Profile.parse(profile);
    }
    apiKeys = apiKeys == null ? null : List.copyOf(apiKeys);
    models = models == null ? null : List.copyOf(models);
  }

  /**
   * Options without a forced profile, key list or model list (the simulator's behaviour before those existed).
   *
   * @param latencyMs see the record
   * @param latencyJitterMs see the record
   * @param capacity see the record
   * @param retryAfterSeconds see the record
   * @param rateLimit see the record
   * @param serverError see the record
   * @param timeout see the record
   * @param timeoutMs see the record
   * @param fenced see the record
   * @param prose see the record
   * @param truncated see the record
   * @param malformed see the record
   * @param invalid see the record
   * @param seed see the record
   * @param approximateTokens see the record
   * @param recordCalls see the record
   */
  public SimulatorOptions(@Nullable Integer latencyMs, @Nullable Integer latencyJitterMs, @Nullable Integer capacity,
      @Nullable Integer retryAfterSeconds, @Nullable Double rateLimit, @Nullable Double serverError,
      @Nullable Double timeout, @Nullable Integer timeoutMs, @Nullable Double fenced, @Nullable Double prose,
      @Nullable Double truncated, @Nullable Double malformed, @Nullable Double invalid, @Nullable Long seed,
      @Nullable Boolean approximateTokens, @Nullable Boolean recordCalls) {
    this(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError, timeout, timeoutMs, fenced,
        prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls, null, null, null, null, null, null);
  }

  /**
   * Options with a forced profile, key list or model list and no batch behaviour of their own.
   *
   * @param latencyMs see the record
   * @param latencyJitterMs see the record
   * @param capacity see the record
   * @param retryAfterSeconds see the record
   * @param rateLimit see the record
   * @param serverError see the record
   * @param timeout see the record
   * @param timeoutMs see the record
   * @param fenced see the record
   * @param prose see the record
   * @param truncated see the record
   * @param malformed see the record
   * @param invalid see the record
   * @param seed see the record
   * @param approximateTokens see the record
   * @param recordCalls see the record
   * @param profile see the record
   * @param apiKeys see the record
   * @param models see the record
   */
  public SimulatorOptions(@Nullable Integer latencyMs, @Nullable Integer latencyJitterMs, @Nullable Integer capacity,
      @Nullable Integer retryAfterSeconds, @Nullable Double rateLimit, @Nullable Double serverError,
      @Nullable Double timeout, @Nullable Integer timeoutMs, @Nullable Double fenced, @Nullable Double prose,
      @Nullable Double truncated, @Nullable Double malformed, @Nullable Double invalid, @Nullable Long seed,
      @Nullable Boolean approximateTokens, @Nullable Boolean recordCalls, @Nullable String profile,
      @Nullable List<String> apiKeys, @Nullable List<String> models) {
    this(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError, timeout, timeoutMs, fenced,
        prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls, profile, apiKeys, models, null, null,
        null);
  }

  /**
   * Returns a copy whose batch jobs take {@code polls} status polls to end and fail or expire some requests.
   *
   * @param polls polls in progress before a batch ends (at least 1)
   * @param failure rate of requests that fail with a server error
   * @param expiry rate of requests that expire unprocessed
   * @return the copy
   */
  public SimulatorOptions withBatches(int polls, double failure, double expiry) {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls, profile,
        apiKeys, models, polls, failure, expiry);
  }

  int batchPollsOrDefault() {
    return batchPolls == null ? 1 : Math.max(1, batchPolls);
  }

  /**
   * Returns a copy that uses one profile for every model, whatever its name.
   *
   * @param forced the profile, or {@code null} to choose by model name
   * @return the copy
   */
  public SimulatorOptions withProfile(@Nullable Profile forced) {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls,
        forced == null ? null : forced.wire(), apiKeys, models, batchPolls, batchFailure, batchExpiry);
  }

  /**
   * Returns a copy that accepts only the given API keys.
   *
   * @param keys the keys, an empty list for an open server that needs none, or {@code null} for any non-empty key
   * @return the copy
   */
  public SimulatorOptions withApiKeys(@Nullable List<String> keys) {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls,
        profile, keys, models, batchPolls, batchFailure, batchExpiry);
  }

  /**
   * Returns a copy that serves only the given models (and its own fine-tuned ones).
   *
   * @param ids the model ids, or {@code null} for any
   * @return the copy
   */
  public SimulatorOptions withModels(@Nullable List<String> ids) {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls,
        profile, apiKeys, ids, batchPolls, batchFailure, batchExpiry);
  }

  Profile profileFor(String model) {
    return profile != null ? Profile.parse(profile) : Profile.forModel(model);
  }

  /**
   * Returns a copy with a fixed latency and capacity (used by the throughput benchmark).
   *
   * @param latency milliseconds per reply
   * @param cap in-flight capacity
   * @return the copy
   */
  public SimulatorOptions withLatencyAndCapacity(int latency, int cap) {
    return new SimulatorOptions(latency, latencyJitterMs, cap, retryAfterSeconds, rateLimit, serverError, timeout,
        timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, recordCalls, profile, apiKeys,
        models, batchPolls, batchFailure, batchExpiry);
  }

  /**
   * Returns a copy that reports approximate token counts.
   *
   * @return the copy
   */
  public SimulatorOptions withApproximateTokens() {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, true, recordCalls, profile, apiKeys,
        models, batchPolls, batchFailure, batchExpiry);
  }

  /**
   * Returns a copy that keeps no per-key call counts (for long-running servers and benchmarks).
   *
   * @return the copy
   */
  public SimulatorOptions withoutCallLog() {
    return new SimulatorOptions(latencyMs, latencyJitterMs, capacity, retryAfterSeconds, rateLimit, serverError,
        timeout, timeoutMs, fenced, prose, truncated, malformed, invalid, seed, approximateTokens, false, profile,
        apiKeys, models, batchPolls, batchFailure, batchExpiry);
  }

  boolean recordsCalls() {
    return recordCalls == null || recordCalls;
  }

  boolean approximating() {
    return Boolean.TRUE.equals(approximateTokens);
  }

  int tokens(String text) {
    if (Boolean.TRUE.equals(approximateTokens)) {
      return (text.length() + 3) / 4;
    }
    return io.synthkit.llm.Tokens.count(text);
  }

  double rate(@Nullable Double r) {
    return r == null ? 0 : r;
  }

  int latency() {
    return latencyMs == null ? 0 : latencyMs;
  }

  int jitter() {
    return latencyJitterMs == null ? 0 : latencyJitterMs;
  }

  int cap() {
    return capacity == null ? 0 : capacity;
  }

  int retryAfter() {
    return retryAfterSeconds == null ? 1 : retryAfterSeconds;
  }

  int hangMs() {
    return timeoutMs == null ? 60_000 : timeoutMs;
  }

  long seedOrDefault() {
    return seed == null ? 7L : seed;
  }
}
