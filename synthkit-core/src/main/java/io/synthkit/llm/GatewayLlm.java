package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.json.JsonExtractor;
import io.synthkit.json.MalformedJsonException;
import io.synthkit.spi.Choice;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.InvalidReplyException;
import io.synthkit.spi.Llm;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A model role as methods see it: ask for text or for a structured value, and get a reply. Behind each call sit the
 * response cache (identical request + sample key = no new call), the budget, rate limits, retries and schema repair.
 *
 * <p>Every call takes a <b>sample key</b>: a stable name for this call's place in the method's work (for example
 * {@code iter/12/gen/3}). It keeps identical prompts sampled several times distinct in the cache, and makes a resumed
 * run reuse exactly the replies it had before, whatever order concurrent calls complete in.
 *
 * <p>Immutable and thread-safe; {@link #stage(String)} and {@link #with(Sampling)} return tuned copies.
 */
public final class GatewayLlm implements Llm {

  private final Gateway gateway;
  private final EndpointPool pool;
  /** The pool's first endpoint: the adapter, structured-output mode and encoding every server of the role shares. */
  private final Endpoint endpoint;
  private final String role;
  private final String stage;
  private final ModelConfig config;
  private final Sampling sampling;

  GatewayLlm(Gateway gateway, EndpointPool pool, String role, String stage, ModelConfig config, Sampling sampling) {
    this.gateway = gateway;
    this.pool = pool;
    this.endpoint = pool.primary();
    this.role = role;
    this.stage = stage;
    this.config = config;
    this.sampling = sampling;
  }

  /**
   * Returns the role name.
   *
   * @return for example {@code generator}
   */
  public String role() {
    return role;
  }

  /**
   * Returns the model id this role uses.
   *
   * @return the model id
   */
  public String model() {
    // Llm promises an id; only a simulated role may lack one, and such a role cannot send a call (Endpoint.learned).
    return Objects.requireNonNullElse(config.model(), "");
  }

  /**
   * Tells whether this role runs on the simulator.
   *
   * @return true when replies are simulated placeholders
   */
  public boolean simulated() {
    return pool.simulated();
  }

  /**
   * Returns the API base URL this role's requests go to (the in-process simulator's for {@code provider: simulated};
   * the first of {@code base_urls}), for calls beside chat on the same server, such as a fine-tuning API.
   *
   * @return the base URL, or {@code null} for the provider's default
   */
  public @Nullable String baseUrl() {
    return config.endpointUrls().get(0);
  }

  /**
   * Returns a handle on the same role and endpoint for another model id, sharing the endpoint's concurrency and rate
   * limits (a model fine-tuned from this one, served by the same server).
   *
   * @param id the model id
   * @return the copy
   */
  public GatewayLlm withModel(String id) {
    return new GatewayLlm(gateway, pool, role, stage, config.withModel(id), sampling);
  }

  /**
   * Returns a handle on the same role for another model id served at another base URL (for example a local server
   * started for a freshly trained checkpoint), with this role's key, headers and limits. A {@code null} or unchanged
   * URL gives {@link #withModel(String)}.
   *
   * @param id the model id
   * @param url the API base URL, or {@code null} for this role's
   * @return the handle
   */
  public GatewayLlm withModel(String id, @Nullable String url) {
    if (url == null || url.equals(baseUrl())) {
      return withModel(id);
    }
    return gateway.derived(role, config.withEndpoint(ProviderKind.OPENAI, url).withModel(id)).stage(stage)
        .with(sampling);
  }

  /** The role's endpoints, one per server, in configured order. */
  List<Endpoint> endpoints() {
    return pool.all();
  }

  /**
   * Returns a copy whose usage is counted under another stage (for per-stage cost tables).
   *
   * @param name the stage, e.g. {@code reflection}
   * @return the copy
   */
  public GatewayLlm stage(String name) {
    return new GatewayLlm(gateway, pool, role, name, config, sampling);
  }

  /**
   * Returns a copy whose calls use these sampling values over the role's defaults.
   *
   * @param overrides values set here win over the role's config
   * @return the copy
   */
  public GatewayLlm with(Sampling overrides) {
    return new GatewayLlm(gateway, pool, role, stage, config, overrides.over(sampling));
  }

  /**
   * Returns the sampling values calls use.
   *
   * @return the effective sampling
   */
  public Sampling sampling() {
    return sampling;
  }

  /**
   * Asks for free text.
   *
   * @param prompt the conversation
   * @param key the sample key
   * @return the reply text
   */
  public String text(Prompt prompt, String key) {
    return completion(prompt, key).text();
  }

  /**
   * Asks for free text and returns it with its finish reason.
   *
   * @param prompt the conversation
   * @param key the sample key
   * @return the reply
   */
  public Choice completion(Prompt prompt, String key) {
    return text(prompt, 1, key).first();
  }

  /**
   * Samples several free-text replies to one prompt (one request with {@code n} where the server supports it).
   *
   * @param prompt the conversation
   * @param n how many replies
   * @param key the sample key
   * @return the replies
   */
  public List<Choice> completions(Prompt prompt, int n, String key) {
    return text(prompt, n, key).choices();
  }

  /**
   * Asks for a value of a record type; re-asks with the validation errors when the reply does not fit.
   *
   * @param prompt the conversation
   * @param type the record type (its JSON schema is derived and sent)
   * @param key the sample key
   * @param <T> the type
   * @return the value
   * @throws InvalidReplyException when the reply stays invalid after every re-ask
   */
  public <T> T ask(Prompt prompt, Class<T> type, String key) {
    return tryAsk(prompt, type, key).orThrow();
  }

  /**
   * Like {@link #ask(Prompt, Class, String)} but returns an invalid reply instead of throwing.
   *
   * @param prompt the conversation
   * @param type the record type
   * @param key the sample key
   * @param <T> the type
   * @return the outcome
   */
  public <T> Reply<T> tryAsk(Prompt prompt, Class<T> type, String key) {
    return askMany(prompt, Schema.of(type), type, 1, key).get(0);
  }

  /**
   * Asks for a value of a schema built at run time.
   *
   * @param prompt the conversation
   * @param schema the schema
   * @param key the sample key
   * @return the outcome, bound to a JSON tree
   */
  public Reply<JsonNode> tryAsk(Prompt prompt, Schema schema, String key) {
    return askMany(prompt, schema, JsonNode.class, 1, key).get(0);
  }

  /**
   * Samples several structured replies to one prompt; each is validated and repaired on its own.
   *
   * @param prompt the conversation
   * @param schema the schema
   * @param type the Java type replies bind to
   * @param n how many replies
   * @param key the sample key
   * @param <T> the type
   * @return one outcome per sample, in order
   */
  public <T> List<Reply<T>> askMany(Prompt prompt, Schema schema, Class<T> type, int n, String key) {
    StructuredMode mode = endpoint.effectiveMode(config.model(), config.structuredOutputOrDefault());
    while (true) {
      Prompt p = needsInstruction(mode) ? withSchemaInstruction(prompt, schema) : prompt;
      // A call that fails (or a prompt over the context window) throws its ItemFailedException: the method rejects the
      // item under that failure's own step, which an invalid reply could not tell apart from a bad answer.
      switch (call(p, schema, mode, n, key)) {
        case Endpoint.Sent.Answer(ChatResult result) -> {
          List<Reply<T>> out = new ArrayList<>(result.choices().size());
          for (int i = 0; i < result.choices().size(); i++) {
            String sampleKey = n > 1 ? key + "#" + i : key;
            out.add(validated(p, schema, type, mode, result.choices().get(i), sampleKey, 0));
          }
          return out;
        }
        case Endpoint.Sent.ModeRejected(String error, String param) -> {
          StructuredMode next = endpoint.fallBack(config.model(), mode, param, error);
          if (next == null) {
            throw new EndpointException(endpoint.label() + " rejected structured output mode " + mode.wire() + " ("
                + error + "); set structured_output: prompt for this model", 400);
          }
          mode = next;
        }
      }
    }
  }

  private <T> Reply<T> validated(Prompt prompt, Schema schema, Class<T> type, StructuredMode mode, Choice choice,
      String key, int repairs) {
    Reply<T> reply = interpret(schema, type, choice);
    if (reply instanceof Reply.Ok<T>) {
      return reply;
    }
    gateway.meter().invalidReply(role, stage);
    if (repairs >= config.maxRepairsOrDefault()) {
      return reply;
    }
    gateway.meter().repair(role, stage);
    Reply.Invalid<T> bad = (Reply.Invalid<T>) reply;
    String fix = gateway.prompts().text("llm/repair", Map.of("problems", String.join("\n", bad.errors()),
        "truncated", choice.truncated()));
    Prompt next = prompt.followUp(choice.text(), fix);
    Choice again = switch (call(next, schema, mode, 1, key + "/repair" + (repairs + 1))) {
      case Endpoint.Sent.Answer(ChatResult result) -> result.first();
      // The mode was accepted for the first reply; a refusal now leaves the reply as it was.
      case Endpoint.Sent.ModeRejected m -> null;
    };
    return again == null ? reply : validated(next, schema, type, mode, again, key, repairs + 1);
  }

  private static <T> Reply<T> interpret(Schema schema, Class<T> type, Choice choice) {
    String raw = choice.text();
    JsonNode node;
    try {
      node = JsonExtractor.extract(raw);
    } catch (MalformedJsonException e) {
      String reason = choice.truncated() || e.reason() == MalformedJsonException.Reason.TRUNCATED
          ? "truncated: " + e.getMessage() : "malformed: " + e.getMessage();
      return new Reply.Invalid<>(reason, List.of(e.getMessage()), raw);
    }
    // Some models wrap the object in a one-element array or in {"properties": ...}; unwrap the obvious cases.
    if (node.isArray() && node.size() == 1 && node.get(0).isObject()) {
      node = node.get(0);
    }
    List<String> errors = SchemaValidator.validate(schema, node);
    if (!errors.isEmpty()) {
      return new Reply.Invalid<>("schema: " + errors.get(0), errors, raw);
    }
    try {
      return new Reply.Ok<>(type == JsonNode.class ? type.cast(node) : Json.LENIENT.treeToValue(node, type), raw);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return new Reply.Invalid<>("binding: " + e.getMessage(), List.of(String.valueOf(e.getMessage())), raw);
    }
  }

  private static boolean needsInstruction(StructuredMode mode) {
    return mode == StructuredMode.PROMPT || mode == StructuredMode.JSON_OBJECT;
  }

  private Prompt withSchemaInstruction(Prompt prompt, Schema schema) {
    return prompt.appendToLastUser(gateway.prompts().text("llm/schema", Map.of("schema", schema.pretty())));
  }

  /** Sends (or replays from the cache) one free-text request. */
  private ChatResult text(Prompt prompt, int n, String key) {
    return switch (call(prompt, null, StructuredMode.PROMPT, n, key)) {
      case Endpoint.Sent.Answer(ChatResult result) -> result;
      case Endpoint.Sent.ModeRejected m -> throw new IllegalStateException("a free-text call was refused for its"
          + " structured-output parameters: " + m.error());
    };
  }

  /** {@link #callOnce}, counted as in flight for progress displays while it runs (a cache replay is instant). */
  private Endpoint.Sent counted(ChatRequest request, String key) {
    gateway.meter().sending();
    try {
      return callOnce(request, key);
    } finally {
      gateway.meter().answered();
    }
  }

  /**
   * Sends (or replays from the cache) one request for {@code n} samples and returns exactly {@code n}. Anthropic has no
   * {@code n}, so it gets one request per sample; an OpenAI-compatible server that returns fewer choices than asked
   * (Ollama ignores {@code n}) is asked again for the rest, each request cached under its own key.
   */
  private Endpoint.Sent call(Prompt prompt, @Nullable Schema schema, StructuredMode mode, int n, String key) {
    ChatRequest request = new ChatRequest(config.model(), prompt, sampling, schema, schema == null
        ? StructuredMode.PROMPT : mode, n, Objects.requireNonNullElse(config.extraBody(), Map.of()),
        config.reasoningEffort());
    boolean oneEach = n > 1 && !endpoint.adapter().supportsN();
    Endpoint.Sent first = counted(oneEach ? request.withN(1) : request, oneEach ? key + "#0" : key);
    if (!(first instanceof Endpoint.Sent.Answer(ChatResult r)) || r.choices().size() >= n) {
      return first;
    }
    List<Choice> choices = new ArrayList<>(n);
    choices.addAll(r.choices());
    TokenUsage usage = r.usage();
    boolean simulated = r.simulated();
    if (!oneEach) {
      endpoint.shortOfChoices(config.model(), n, r.choices().size());
    }
    while (choices.size() < n) {
      int got = choices.size();
      Endpoint.Sent more = counted(request.withN(oneEach ? 1 : n - got), key + "#" + got);
      if (!(more instanceof Endpoint.Sent.Answer(ChatResult m))) {
        return more;
      }
      choices.addAll(m.choices().subList(0, Math.min(m.choices().size(), n - got)));
      usage = usage.plus(m.usage());
      simulated |= m.simulated();
    }
    return new Endpoint.Sent.Answer(new ChatResult(r.model(), choices, usage, simulated));
  }

  private Endpoint.Sent callOnce(ChatRequest request, String key) {
    ObjectNode body = endpoint.encode(request);
    boolean caching = gateway.cache() != ResponseCache.NONE;
    String cacheKey = caching ? cacheKey(body, key) : "";
    var cached = caching ? gateway.cache().get(cacheKey) : java.util.Optional.<ChatResult>empty();
    if (cached.isPresent()) {
      gateway.meter().cacheHit(role, stage);
      if (cached.get().simulated()) {
        endpoint.markSimulated();
      }
      return new Endpoint.Sent.Answer(cached.get());
    }
    BudgetLedger ledger = gateway.ledger();
    Price price = config.priceOrFree();
    BudgetLedger.Hold hold = ledger.limited()
        ? ledger.reserve(Endpoint.worstCase(endpoint.learnedRules(request.model()).apply(body), price)) : null;
    BatchRoute.Routed routed;
    try {
      routed = pool.send(target -> BatchRoute.send(gateway, target, config, role, request, body, key, observer(target),
          wire -> {
            if (hold != null) {
              hold.atLeast(Endpoint.worstCase(wire, price));
            }
          }));
    } catch (RuntimeException | Error e) {
      if (hold != null) {
        hold.settle(null);
      }
      throw e;
    }
    Endpoint.Sent sent = routed.sent();
    if (sent instanceof Endpoint.Sent.Answer(ChatResult result)) {
      // Reasoning tokens are part of the completion tokens (and billed as output), as OpenAI reports them; a batched
      // call costs the price's batch discount.
      Price.Charge cost = price.charge(result.usage(), config.provider()).times(routed.priceFactor());
      if (caching) {
        gateway.cache().put(cacheKey, new ResponseCache.Entry(role, stage, key, result, cost));
      }
      Runnable record = () -> gateway.meter().success(role, stage, result.usage(), cost);
      if (hold != null) {
        hold.settle(record);
      } else {
        record.run();
      }
    } else if (hold != null) {
      hold.settle(null);
    }
    return sent;
  }

  /** Counts a call's retries and failures in this role's meter row; long waits show the endpoint that waits. */
  private Endpoint.Observer observer(Endpoint target) {
    return new Endpoint.Observer() {
      @Override
      public void retry(String reason) {
        gateway.meter().retry(role, stage);
      }

      @Override
      public void failure(@Nullable String reason) {
        gateway.meter().failure(role, stage);
      }

      @Override
      public void waiting(java.time.Duration wait, java.time.Instant until, String reason) {
        gateway.listener().waiting(target.label(), until, reason);
      }
    };
  }

  /**
   * The request body (which holds model, messages, sampling and schema, but no key or URL, so the same whichever
   * server of the role answers) plus the sample key.
   */
  private String cacheKey(ObjectNode body, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(endpoint.adapter().getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Json.write(body).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
