package io.synthkit.llm;

import io.synthkit.http.HttpTransport;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.CallFanOut;
import io.synthkit.spi.Embedder;
import io.synthkit.spi.FineTuning;
import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The model gateway: maps role names to endpoints and hands out {@link GatewayLlm} handles. It owns the HTTP client, the
 * endpoints (shared by roles with the same provider, URL, model and key), and the run-wide response cache, usage meter
 * and budget. Roles with {@code provider: simulated} are OpenAI-compatible endpoints whose replies are marked
 * simulated; whoever builds the gateway starts the simulator and sets their {@code base_url}.
 *
 * <p>Build one with {@link #builder()}; close it to stop the client's threads. Thread-safe.
 */
public final class Gateway implements AutoCloseable {

  /** Where fine-tuning goes when a role names no base URL. */
  static final String OPENAI_BASE = "https://api.openai.com/v1";
  /** The role every other role falls back to. */
  public static final String DEFAULT_ROLE = "default";

  private final Map<String, ModelConfig> models;
  private final ResponseCache cache;
  private final UsageMeter meter;
  private final BudgetLedger ledger;
  private final PromptLibrary prompts;
  private final GatewayListener listener;
  private final HttpTransport http = new HttpTransport();
  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final Map<String, GatewayLlm> llms = new ConcurrentHashMap<>();
  private final Map<String, FineTuningClient> fineTuning = new ConcurrentHashMap<>();
  private final List<Adaptation> earlier;
  private final List<Adaptation> adaptations = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final BatchJournal batchJournal;
  private final BatchStats batchStats = new BatchStats();
  private final Map<String, BatchQueue> batchQueues = new ConcurrentHashMap<>();
  private final @Nullable CallFanOut fanOut;
  private final Set<Endpoint> configured = ConcurrentHashMap.newKeySet();
  private final BatchStats fanOutStats = new BatchStats();
  private final Map<String, BatchQueue> fanOutQueues = new ConcurrentHashMap<>();

  private Gateway(Builder b) {
    this.models = Map.copyOf(b.models);
    this.cache = b.cache;
    this.meter = b.meter;
    this.ledger = new BudgetLedger(b.budget, b.meter);
    this.prompts = b.prompts;
    this.listener = b.listener;
    this.earlier = List.copyOf(b.learned);
    this.batchJournal = b.batchJournal;
    this.fanOut = b.fanOut;
    batchJournal.get("ids").ifPresent(batchStats::earlier);
    this.adaptations.addAll(earlier);
    if (!models.containsKey(DEFAULT_ROLE)) {
      throw SynthkitException.input("models.default is required (the role every other role falls back to)");
    }
    models.keySet().forEach(this::llm); // validate every role up front, before any work starts
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no cache, a fresh meter, no budget and the built-in prompts
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the handle for a role; unknown roles use {@code models.default}.
   *
   * @param role the role name, e.g. {@code generator}
   * @return the handle (cached)
   */
  public GatewayLlm llm(String role) {
    return llms.computeIfAbsent(role, this::createLlm);
  }

  private GatewayLlm createLlm(String role) {
    ModelConfig config = resolved(role);
    String where = "models." + (models.containsKey(role) ? role : DEFAULT_ROLE);
    if (config.provider() == null) {
      throw SynthkitException.input(where + ".provider is required: openai, anthropic or simulated");
    }
    if (config.batchOrDefault() && config.endpointUrls().size() > 1) {
      // A batch job lives on the server it was submitted to, and a rerun adopts it from the journal there: spreading
      // one role's batches over replicas would need a journal per server for no gain (batches are not rate-bound).
      throw SynthkitException.input(where + ": batch: true sends through one server's batch API, but base_urls lists "
          + config.endpointUrls().size() + " servers; use base_url (or drop batch) for this role");
    }
    if (config.provider() == ProviderKind.SIMULATED) {
      // synthkit's simulator speaks the OpenAI API; whoever started it put its URL in the config.
      if (config.baseUrl() == null && config.baseUrls() == null) {
        throw new IllegalStateException(where + ": provider simulated needs the simulator's base_url");
      }
      ModelConfig openAi = config.withEndpoint(ProviderKind.OPENAI, config.baseUrl());
      return handle(role, config.baseUrls() == null ? openAi : openAi.withBaseUrls(config.baseUrls()), true, true);
    }
    if (config.model() == null || config.model().isBlank()) {
      throw SynthkitException.input(where + ".model is required for provider " + config.provider().wire());
    }
    if (config.maxConcurrency() != null && config.maxConcurrency() < 1) {
      throw SynthkitException.input(where + ".max_concurrency must be at least 1: " + config.maxConcurrency());
    }
    return handle(role, config, false, true);
  }

  /** A role's handle over one endpoint per server it lists; servers shared with other roles share the endpoint. */
  private GatewayLlm handle(String role, ModelConfig config, boolean simulated, boolean configured) {
    List<Endpoint> pool = new ArrayList<>();
    // createLlm has checked the provider.
    ProviderKind provider = Objects.requireNonNull(config.provider(), "provider");
    for (@Nullable String url : config.endpointUrls()) {
      ModelConfig one = config.withEndpoint(provider, url);
      Endpoint learnsWith = pool.isEmpty() ? null : pool.get(0);
      pool.add(endpoints.computeIfAbsent(endpointKey(one), k -> {
        ProviderAdapter adapter = one.provider() == ProviderKind.ANTHROPIC ? new AnthropicAdapter()
            : new OpenAiAdapter();
        Endpoint e = new Endpoint(one, adapter, http, simulated, this::adapted, learnsWith);
        earlier.stream().filter(a -> a.api().equals(adapter.api())).forEach(e::replay);
        return e;
      }));
    }
    if (configured) {
      this.configured.addAll(pool);
    }
    return new GatewayLlm(this, new EndpointPool(pool), role, "default", config, config.sampling());
  }

  /** A handle for a role on an endpoint derived at run time (same settings, other URL and model). */
  GatewayLlm derived(String role, ModelConfig config) {
    return handle(role, config, false, false);
  }

  private static String endpointKey(ModelConfig c) {
    // Only a hash of the key: endpoints are told apart by it, and the key itself is never kept outside the config.
    String key = c.apiKey() == null ? "" : Integer.toHexString(c.apiKey().hashCode());
    return Objects.requireNonNull(c.provider(), "provider").wire() + "|" + c.baseUrl() + "|" + c.model() + "|" + key;
  }

  /** The batch queue of an endpoint (roles with {@code batch: true}), created at its first call. */
  BatchQueue batchQueue(Endpoint endpoint, ModelConfig config) {
    return batchQueues.computeIfAbsent(endpoint.label(), k -> {
      BatchHttp batchHttp = new BatchHttp(http, endpoint, Duration.ofSeconds(config.maxRetryAfterSecondsOrDefault()));
      Duration timeout = Duration.ofSeconds(config.timeoutSecondsOrDefault());
      BatchApi api = endpoint.adapter() instanceof AnthropicAdapter ? new AnthropicBatchApi(batchHttp, endpoint, timeout)
          : new OpenAiBatchApi(batchHttp, endpoint, timeout);
      return new BatchQueue(api, batchJournal, batchStats, endpoint.label(), config);
    });
  }

  /**
   * Whether an endpoint's calls go through the fan-out: only servers the config lists do, since an executor sends only
   * to those; one derived at run time (a fine-tuned model served elsewhere) is called from here.
   */
  boolean fansOut(Endpoint endpoint) {
    return fanOut != null && configured.contains(endpoint);
  }

  /**
   * The fan-out queue of an endpoint, created at its first call: calls gather for {@value #FAN_OUT_WINDOW_MS} ms (or
   * until {@value #FAN_OUT_MAX} wait) and go out as one job. Short, because a method's next step waits on these
   * answers; a cluster job costs tens of milliseconds to start.
   */
  BatchQueue fanOutQueue(Endpoint endpoint, String role) {
    CallFanOut f = Objects.requireNonNull(fanOut, "fanOut");
    String shown = Secrets.withoutUserInfo(endpoint.baseUrl());
    return fanOutQueues.computeIfAbsent(endpoint.label(), k -> new BatchQueue(
        new FanOutBatchApi(f, role, shown == null ? "" : shown),
        BatchJournal.memory(), fanOutStats, endpoint.label(), FAN_OUT_MAX, Duration.ofMillis(FAN_OUT_WINDOW_MS),
        Duration.ZERO, false));
  }

  static final int FAN_OUT_MAX = 4096;
  static final int FAN_OUT_WINDOW_MS = 100;

  /**
   * Returns the batch jobs this gateway submitted or adopted, for progress and the manifest.
   *
   * @return the counts and ids
   */
  public BatchStats batchStats() {
    return batchStats;
  }

  /**
   * Returns the fine-tuning API of a role's endpoint, with the role's key, headers and timeout.
   *
   * @param role the role name (falls back to {@code models.default} field by field)
   * @return the client, closed with the gateway
   * @throws SynthkitException (exit 2) when the role uses the Anthropic API, which has no fine-tuning endpoints
   */
  public FineTuning fineTuning(String role) {
    return fineTuning.computeIfAbsent(role, r -> {
      ModelConfig c = resolved(r);
      if (c.provider() == ProviderKind.ANTHROPIC) {
        throw SynthkitException.input("models." + r + ": fine-tuning needs an OpenAI-compatible endpoint; this role"
            + " uses provider anthropic");
      }
      @Nullable String first = c.endpointUrls().get(0); // a model fine-tuned on one replica is served by that one
      String base = first == null || first.isBlank() ? OPENAI_BASE : first;
      return new FineTuningClient(http, base, c.apiKey(), c.headers(), Duration.ofSeconds(c.timeoutSecondsOrDefault()),
          Duration.ofSeconds(c.maxRetryAfterSecondsOrDefault()));
    });
  }

  /** The role's settings layered over {@code default}. */
  private ModelConfig resolved(String role) {
    // The constructor refuses models without a default.
    ModelConfig base = Objects.requireNonNull(models.get(DEFAULT_ROLE), "models.default");
    return role.equals(DEFAULT_ROLE) ? base : models.getOrDefault(role, ModelConfig.EMPTY).over(base);
  }

  /**
   * Tells whether any role's replies are simulated (configured, or detected from a simulator's responses).
   *
   * @return true when the run must be labelled simulated
   */
  public boolean simulated() {
    return endpoints.values().stream().anyMatch(Endpoint::simulated);
  }

  /**
   * Describes each configured role for the manifest: provider, model and whether it is simulated; for a role with
   * several servers ({@code base_urls}), each server's URL (without credentials) and the calls it answered and failed
   * (counted per server: roles that share a server share its counts). Never includes keys or headers.
   *
   * @return role name to description
   */
  public Map<String, Map<String, Object>> describeRoles() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    List<String> roles = new ArrayList<>(llms.keySet());
    roles.sort(null);
    for (String r : roles) {
      GatewayLlm l = Objects.requireNonNull(llms.get(r), r);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("model", l.model());
      d.put("simulated", l.simulated());
      if (l.endpoints().size() > 1) {
        List<Map<String, Object>> servers = new ArrayList<>();
        for (Endpoint e : l.endpoints()) {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("url", e.url());
          s.put("calls", e.answered());
          s.put("failed", e.failedCalls());
          s.put("state", e.circuitState().name().toLowerCase(java.util.Locale.ROOT));
          servers.add(s);
        }
        d.put("endpoints", servers);
      }
      out.put(r, d);
    }
    return out;
  }

  private void adapted(Adaptation a) {
    adaptations.add(a);
    listener.adapted(a);
  }

  /**
   * Returns what the gateway learned about its endpoints (in this session and, when given to the builder, earlier
   * ones), for the manifest.
   *
   * @return the adaptations, oldest first
   */
  public List<Adaptation> adaptations() {
    return List.copyOf(adaptations);
  }

  /**
   * Returns the current adaptive concurrency limit of each endpoint (for the progress line).
   *
   * @return the sum over endpoints
   */
  public int concurrencyLimit() {
    return endpoints.values().stream().mapToInt(Endpoint::currentConcurrencyLimit).sum();
  }

  /**
   * Counts a paid embeddings provider's calls in this gateway's usage, cost and budget (role and stage
   * {@code embeddings}, at {@code embeddings.price_per_mtok}); other embedders are returned unchanged.
   *
   * @param embedder the run's embedder
   * @return the same embedder
   */
  public Embedder metered(Embedder embedder) {
    if (embedder instanceof OpenAiEmbedder paid) {
      paid.meterInto(this);
    }
    return embedder;
  }

  /**
   * Returns the usage meter.
   *
   * @return the meter
   */
  public UsageMeter meter() {
    return meter;
  }

  ResponseCache cache() {
    return cache;
  }

  BudgetLedger ledger() {
    return ledger;
  }

  PromptLibrary prompts() {
    return prompts;
  }

  GatewayListener listener() {
    return listener;
  }

  /** Stops the HTTP client's threads. */
  @Override
  public void close() {
    http.close();
  }

  /** Configures a {@link Gateway}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, ModelConfig> models = new LinkedHashMap<>();
    private ResponseCache cache = ResponseCache.NONE;
    private UsageMeter meter = new UsageMeter();
    private Budget budget = Budget.UNLIMITED;
    private PromptLibrary prompts = PromptLibrary.defaults();
    private GatewayListener listener = GatewayListener.NONE;
    private List<Adaptation> learned = List.of();
    private BatchJournal batchJournal = BatchJournal.memory();
    private @Nullable CallFanOut fanOut;

    private Builder() {}

    /**
     * Adds a role.
     *
     * @param role the role name ({@code default} is required)
     * @param config its settings, layered over {@code default}
     * @return this builder
     */
    public Builder model(String role, ModelConfig config) {
      if (models.putIfAbsent(role, Objects.requireNonNull(config, "config")) != null) {
        throw new IllegalStateException("role was already set: " + role);
      }
      return this;
    }

    /**
     * Adds every role of a {@code models:} map.
     *
     * @param all role to settings
     * @return this builder
     */
    public Builder models(Map<String, ModelConfig> all) {
      all.forEach(this::model);
      return this;
    }

    /**
     * Sets the response cache.
     *
     * @param c the cache
     * @return this builder
     */
    public Builder cache(ResponseCache c) {
      this.cache = Objects.requireNonNull(c);
      return this;
    }

    /**
     * Sets the usage meter (a resumed run passes one holding earlier totals).
     *
     * @param m the meter
     * @return this builder
     */
    public Builder meter(UsageMeter m) {
      this.meter = Objects.requireNonNull(m);
      return this;
    }

    /**
     * Sets the budget.
     *
     * @param b the budget
     * @return this builder
     */
    public Builder budget(Budget b) {
      this.budget = Objects.requireNonNull(b);
      return this;
    }

    /**
     * Sets the prompt library used for schema instructions and repair messages.
     *
     * @param p the library
     * @return this builder
     */
    public Builder prompts(PromptLibrary p) {
      this.prompts = Objects.requireNonNull(p);
      return this;
    }

    /**
     * Sets who hears about waits (and, later, what the gateway learned).
     *
     * @param l the listener
     * @return this builder
     */
    public Builder listener(GatewayListener l) {
      this.listener = Objects.requireNonNull(l);
      return this;
    }

    /**
     * Sets what earlier sessions of the run learned about its endpoints; it applies from the first call.
     *
     * @param earlier the adaptations
     * @return this builder
     */
    public Builder learned(List<Adaptation> earlier) {
      this.learned = List.copyOf(earlier);
      return this;
    }

    /**
     * Sets where batch jobs are journaled (the run's state store), so a rerun adopts a running batch.
     *
     * @param j the journal
     * @return this builder
     */
    public Builder batchJournal(BatchJournal j) {
      this.batchJournal = Objects.requireNonNull(j);
      return this;
    }

    /**
     * Sends the calls through a fan-out (a cluster's executors) instead of this JVM's connections; roles with
     * {@code batch: true} still use their provider's batch API.
     *
     * @param f the fan-out, or {@code null} for none
     * @return this builder
     */
    public Builder fanOut(@Nullable CallFanOut f) {
      this.fanOut = f;
      return this;
    }

    /**
     * Builds the gateway, validating every role.
     *
     * @return the gateway
     */
    public Gateway build() {
      return new Gateway(this);
    }
  }
}
