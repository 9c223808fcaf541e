package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.json.JsonExtractor;
import io.synthkit.spi.ChatMessage.Role;
import io.synthkit.spi.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI Chat Completions and Anthropic Messages (and count_tokens): a request is checked the way the real API checks
 * it (key, then parameters, then model), may meet the simulator's capacity limit or an injected fault, is offered to
 * the {@link Responder}, and is answered as one JSON body or as a server-sent event stream. Thread-safe.
 */
final class ChatEndpoint {

  private final SimulatorOptions options;
  private final @Nullable Responder responder;
  private final Faults faults;
  private final Auth auth;
  private final ModelCatalog catalog;
  private final ReplyComposer composer;
  private final PromptCache promptCache;
  private final @Nullable Semaphore capacity;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, Integer> callKeys = new ConcurrentHashMap<>();

  ChatEndpoint(SimulatorOptions options, @Nullable Responder responder, Auth auth, ModelCatalog catalog) {
    this.options = options;
    this.responder = responder;
    this.faults = new Faults(options);
    this.auth = auth;
    this.catalog = catalog;
    this.composer = new ReplyComposer(options, faults);
    this.promptCache = new PromptCache(options);
    this.capacity = options.cap() > 0 ? new Semaphore(options.cap()) : null;
  }

  long requests() {
    return requests.get();
  }

  Map<String, Integer> callKeyCounts() {
    return Map.copyOf(callKeys);
  }

  SimHttpResponse chat(SimHttpRequest req, Api api) {
    long arrived = System.nanoTime();
    if (!"POST".equals(req.method())) {
      return ApiError.methodNotAllowed(api, req.method(), req.path()).response();
    }
    requests.incrementAndGet();
    String key = req.header("X-Synthkit-Call");
    if (key != null && options.recordsCalls()) {
      callKeys.merge(key, 1, Integer::sum);
    }
    JsonNode body = parse(req);
    String model = body == null ? "" : body.path("model").asText("");
    Profile profile = options.profileFor(model);
    ApiError refused = auth.check(api, req, api == Api.ANTHROPIC || profile.requiresKey());
    if (refused != null) {
      return refused.response();
    }
    if (body == null) {
      return unparsable(api).response();
    }
    refused = api == Api.OPENAI ? OpenAiChatCheck.check(body, profile) : AnthropicCheck.check(req, body, false);
    if (refused == null && !catalog.serves(model)) {
      refused = ApiError.modelNotFound(api, model);
    }
    if (refused != null) {
      return refused.response();
    }
    if (capacity != null && !capacity.tryAcquire()) {
      return ApiError.rateLimited(api, options.retryAfter(), "simulated capacity exceeded").response();
    }
    try {
      // The slot is freed before the reply is written: a client that reads the reply and sends at once finds it free.
      long seed = contentSeed(seedBytes(req.body(), body), key);
      return answer(api, profile, body, key == null ? "" : key, seed, arrived, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiError.serverError(api, 503).response();
    } finally {
      if (capacity != null) {
        capacity.release();
      }
    }
  }

  /**
   * Answers one request of a batch job: checked exactly like a direct request (parameters, then model), but without
   * request faults, capacity or latency, which a batch does not meet one request at a time. The sample key is the one
   * synthkit's gateway carries in the {@code custom_id} ({@link #keyOf}), else the custom_id itself, so a batched
   * request gets the reply the same request sent directly gets.
   *
   * @param api the wire protocol
   * @param outer the request that created or polled the batch (its headers, e.g. Anthropic beta flags)
   * @param body the request body of the batch line
   * @param customId the line's custom_id
   * @return the reply the direct endpoint would have sent
   */
  SimHttpResponse inBatch(Api api, SimHttpRequest outer, JsonNode body, String customId) {
    requests.incrementAndGet();
    String key = keyOf(customId);
    if (options.recordsCalls()) {
      callKeys.merge(key, 1, Integer::sum);
    }
    String model = body == null ? "" : body.path("model").asText("");
    Profile profile = options.profileFor(model);
    ApiError refused = body == null || !body.isObject() ? unparsable(api) : api == Api.OPENAI
        ? OpenAiChatCheck.check(body, profile) : AnthropicCheck.check(outer, body, false);
    if (refused == null && !catalog.serves(model)) {
      refused = ApiError.modelNotFound(api, model);
    }
    if (refused == null && body.path("stream").asBoolean(false)) {
      refused = ApiError.invalid(api, "stream: streaming is not supported in batch requests", "stream", null);
    }
    if (refused != null) {
      return refused.response();
    }
    try {
      return answer(api, profile, body, key, contentSeed(Json.bytes(body), key), System.nanoTime(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiError.serverError(api, 500).response();
    }
  }

  /**
   * The sample key synthkit's gateway writes into a batch custom_id: {@code k} + base64url(key) + 12 hex digits of the
   * request's hash; any other custom_id is its own key.
   */
  static String keyOf(String customId) {
    if (customId.length() > 13 && customId.startsWith("k")) {
      try {
        return new String(java.util.Base64.getUrlDecoder().decode(customId.substring(1, customId.length() - 12)),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return customId;
      }
    }
    return customId;
  }

  /** Anthropic's {@code POST /v1/messages/count_tokens}: the input tokens a Messages request would be billed. */
  SimHttpResponse countTokens(SimHttpRequest req) {
    if (!"POST".equals(req.method())) {
      return ApiError.methodNotAllowed(Api.ANTHROPIC, req.method(), req.path()).response();
    }
    JsonNode body = parse(req);
    ApiError refused = auth.check(Api.ANTHROPIC, req, true);
    if (refused != null) {
      return refused.response();
    }
    if (body == null) {
      return unparsable(Api.ANTHROPIC).response();
    }
    refused = AnthropicCheck.check(req, body, true);
    if (refused == null && !catalog.serves(body.path("model").asText())) {
      refused = ApiError.modelNotFound(Api.ANTHROPIC, body.path("model").asText());
    }
    if (refused != null) {
      return refused.response();
    }
    SimRequest request = decode(Api.ANTHROPIC, body, "", null);
    return SimHttpResponse.json(200, Json.object().put("input_tokens", composer.promptTokens(request)));
  }

  /** The body as JSON, or {@code null} when it is not JSON (the checks then answer with the API's parse error). */
  private static @Nullable JsonNode parse(SimHttpRequest req) {
    try {
      return Json.MAPPER.readTree(req.body());
    } catch (IOException e) {
      return null;
    }
  }

  private static ApiError unparsable(Api api) {
    return api == Api.OPENAI
        ? ApiError.invalid(api, "We could not parse the JSON body of your request. (HINT: This likely means you"
            + " aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent"
            + " was not valid JSON.)", null, null)
        : ApiError.invalid(api, "There was an issue with your request body: it is not valid JSON.", null, null);
  }

  /**
   * Content depends only on the request and its sample key (and the simulator seed), so the same call always gets the
   * same reply, different calls get different replies, and a restarted simulator continues a run without repeating
   * what an earlier process said.
   */
  private long contentSeed(byte[] body, @Nullable String key) {
    long h = options.seedOrDefault() * 0x9E3779B97F4A7C15L;
    for (byte b : body) {
      h = (h ^ b) * 0x100000001b3L;
    }
    if (key != null) {
      h ^= key.hashCode() * 0xC2B2AE3D27D4EB4FL;
    }
    return h;
  }

  /**
   * The bytes a request's content seed is taken from. A streamed request is the same call as the plain one, so the
   * fields that only choose how the reply travels ({@code stream}, {@code stream_options}) are left out: a run gets the
   * same records with {@code stream: true} as without.
   */
  private static byte[] seedBytes(byte[] raw, JsonNode body) {
    if (!(body instanceof ObjectNode o) || !(o.has("stream") || o.has("stream_options"))) {
      return raw;
    }
    ObjectNode plain = o.deepCopy();
    plain.remove("stream");
    plain.remove("stream_options");
    return Json.bytes(plain);
  }

  /**
   * The reply is due {@code latency} after the request arrived, like a server whose time to answer is the latency:
   * the simulator's own work (decoding, generating the text) happens inside that time, not on top of it.
   */
  private SimHttpResponse answer(Api api, Profile profile, JsonNode body, String key, long contentSeed, long arrived,
      boolean direct) throws InterruptedException {
    ToolPlan.@Nullable Call tool = ToolPlan.pick(api, body, lastUser(body));
    SimRequest request = decode(api, body, key, tool);
    SplittableRandom rng = new SplittableRandom(contentSeed);
    long n = seq.incrementAndGet();
    switch (direct ? faults.requestFault() : Faults.Fault.NONE) {
      case RATE_LIMIT -> {
        return ApiError.rateLimited(api, options.retryAfter(), "simulated rate limit").response();
      }
      case SERVER_ERROR -> {
        int status = rng.nextBoolean() ? 500 : api == Api.OPENAI ? 503 : 529;
        return ApiError.serverError(api, status).response();
      }
      case HANG -> Thread.sleep(options.hangMs());
      case NONE -> { }
    }
    @Nullable SimResponse scripted = responder == null ? null : responder.respond(request);
    int latency = !direct ? 0 : options.latency() + (options.jitter() > 0 ? rng.nextInt(options.jitter() + 1) : 0)
        + (scripted == null ? 0 : scripted.delayMs());
    long due = arrived + TimeUnit.MILLISECONDS.toNanos(latency);
    SimHttpResponse response;
    if (scripted != null && scripted.status() != 200) {
      response = ApiError.scripted(api, scripted.status(), scripted.retryAfterSeconds()).response();
    } else {
      Completion c = composer.compose(api, profile, request, tool, scripted, rng, n);
      c = c.withCache(api == Api.OPENAI ? promptCache.openAi(request, c.promptTokens())
          : promptCache.anthropic(body, c.promptTokens()));
      response = encode(api, body, c);
    }
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return response;
  }

  private static SimHttpResponse encode(Api api, JsonNode body, Completion c) {
    boolean stream = body.path("stream").asBoolean(false);
    if (api == Api.OPENAI) {
      return stream
          ? SimHttpResponse.events(OpenAiWire.chunks(c, body.path("stream_options").path("include_usage").asBoolean()))
          : SimHttpResponse.json(200, OpenAiWire.completion(c));
    }
    return stream ? SimHttpResponse.events(AnthropicWire.events(c))
        : SimHttpResponse.json(200, AnthropicWire.message(c));
  }

  private static String lastUser(JsonNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).path("role").asText().equals("user")) {
        return contentText(messages.get(i).path("content"));
      }
    }
    return "";
  }

  private static SimRequest decode(Api api, JsonNode body, String key, ToolPlan.@Nullable Call tool) {
    List<ChatMessage> messages = new ArrayList<>();
    if (api == Api.ANTHROPIC && body.hasNonNull("system")) {
      messages.add(ChatMessage.system(contentText(body.get("system"))));
    }
    for (JsonNode m : body.path("messages")) {
      Role role = switch (m.path("role").asText()) {
        case "system", "developer" -> Role.SYSTEM;
        case "assistant" -> Role.ASSISTANT;
        default -> Role.USER;
      };
      messages.add(new ChatMessage(role, contentText(m.path("content"))));
    }
    ObjectNode schema = tool != null ? tool.schema() : schemaOf(api, body, messages);
    @Nullable Double temperature = body.hasNonNull("temperature") ? body.get("temperature").asDouble() : null;
    return new SimRequest(api.wire(), body.path("model").asText(""), messages, schema,
        Math.max(1, body.path("n").asInt(1)), temperature, key, body);
  }

  private static String contentText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder sb = new StringBuilder();
    for (JsonNode part : content) {
      sb.append(part.path("text").asText(""));
    }
    return sb.toString();
  }

  /** The schema a text (not tool) answer must follow: response_format, output_config, or one written in the prompt. */
  private static @Nullable ObjectNode schemaOf(Api api, JsonNode body, List<ChatMessage> messages) {
    JsonNode declared = api == Api.OPENAI
        ? "json_schema".equals(body.path("response_format").path("type").asText())
            ? body.path("response_format").path("json_schema").path("schema") : null
        : body.path("output_config").path("format").has("schema")
            ? body.path("output_config").path("format").path("schema") : body.path("output_format").path("schema");
    if (declared != null && declared.isObject()) {
      return (ObjectNode) declared;
    }
    // structured_output: prompt / json_object put the schema in the last user message.
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.USER) {
        List<JsonNode> found = JsonExtractor.extractAll(messages.get(i).content());
        for (int j = found.size() - 1; j >= 0; j--) {
          JsonNode n = found.get(j);
          if (n.isObject() && "object".equals(n.path("type").asText()) && n.has("properties")) {
            return (ObjectNode) n;
          }
        }
        break;
      }
    }
    return null;
  }
}
