package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.json.JsonExtractor;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * synthkit's OpenAI- and Anthropic-compatible model simulator, served over real HTTP on loopback. It answers Chat
 * Completions, Messages, Embeddings and Models requests with schema-valid placeholder content, realistic usage fields
 * and configurable latency, capacity and faults (429 with Retry-After, 5xx, hangs, fenced/prose-wrapped, truncated,
 * malformed or schema-violating JSON), and serves the Files and Fine-tuning APIs ({@link FineTuning}). Tests script
 * exact replies with a {@link Responder}.
 *
 * <p>Everything it says is a placeholder: every response carries the header {@code X-Synthkit-Simulated: true}, which
 * the gateway uses to label the run simulated even when it was configured as {@code provider: openai}.
 *
 * <p>Thread-safe; one virtual thread per request.
 */
public final class Simulator implements AutoCloseable {

  static final String HEADER = HttpFront.SIMULATED_HEADER;

  private final HttpFront server;
  private final SimulatorOptions options;
  private final Responder responder;
  private final Faults faults;
  private final Semaphore capacity;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();
  private final Map<String, Integer> callKeys = new ConcurrentHashMap<>();
  private final FineTuning fineTuning = new FineTuning();

  private Simulator(int port, SimulatorOptions options, Responder responder) {
    this.options = options == null ? SimulatorOptions.DEFAULT : options;
    this.responder = responder;
    this.faults = new Faults(this.options);
    this.capacity = this.options.cap() > 0 ? new Semaphore(this.options.cap()) : null;
    this.server = new HttpFront(port, this::route);
  }

  /** Dispatches by path prefix, like the OpenAI and Anthropic APIs. */
  private SimHttpResponse route(SimHttpRequest req) {
    String path = req.path();
    try {
      if (path.startsWith("/v1/chat/completions")) {
        return chat(req, "openai");
      } else if (path.startsWith("/v1/messages")) {
        return chat(req, "anthropic");
      } else if (path.startsWith("/v1/embeddings")) {
        return embeddings(req);
      } else if (path.startsWith("/v1/models")) {
        return models();
      } else if (path.startsWith("/v1/files")) {
        return fineTuning.files(req);
      } else if (path.startsWith("/v1/fine_tuning/jobs")) {
        return fineTuning.jobs(req);
      }
      return SimHttpResponse.json(404, error("unknown path " + path + "; the simulator serves /v1/chat/completions,"
          + " /v1/messages, /v1/embeddings, /v1/models, /v1/files and /v1/fine_tuning/jobs"));
    } catch (RuntimeException e) {
      return SimHttpResponse.json(500, error("simulator error: " + e));
    }
  }

  /**
   * Starts a simulator on a free loopback port.
   *
   * @param options behaviour, or {@code null} for the defaults
   * @return the running simulator
   */
  public static Simulator start(SimulatorOptions options) {
    return start(0, options, null);
  }

  /**
   * Starts a scripted simulator on a free loopback port.
   *
   * @param options behaviour, or {@code null} for the defaults
   * @param responder answers requests first, or {@code null}
   * @return the running simulator
   */
  public static Simulator start(SimulatorOptions options, Responder responder) {
    return start(0, options, responder);
  }

  /**
   * Starts a simulator on a given loopback port.
   *
   * @param port the port, or 0 for a free one
   * @param options behaviour, or {@code null} for the defaults
   * @param responder answers requests first, or {@code null}
   * @return the running simulator
   */
  public static Simulator start(int port, SimulatorOptions options, Responder responder) {
    try {
      return new Simulator(port, options, responder);
    } catch (RuntimeException e) {
      throw new UncheckedIOException("cannot start the simulator on port " + port,
          new IOException(e.getMessage(), e));
    }
  }

  /**
   * Returns the OpenAI-style base URL, e.g. {@code http://127.0.0.1:PORT/v1}.
   *
   * @return the base URL for {@code provider: openai}
   */
  public String baseUrl() {
    return rootUrl() + "/v1";
  }

  /**
   * Returns the server root, e.g. {@code http://127.0.0.1:PORT} (the Anthropic-style base URL).
   *
   * @return the root URL
   */
  public String rootUrl() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.port();
  }

  /**
   * Returns the port.
   *
   * @return the bound port
   */
  public int port() {
    return server.port();
  }

  /**
   * Returns the number of chat requests received (faulty ones included).
   *
   * @return the count
   */
  public long requests() {
    return requests.get();
  }

  /**
   * Returns how often each sample key was requested (from the {@code X-Synthkit-Call} header), for tests that check
   * that completed work is never requested twice.
   *
   * @return key to count
   */
  public Map<String, Integer> callKeyCounts() {
    return Map.copyOf(callKeys);
  }

  /**
   * Returns the simulated Files and Fine-tuning APIs, for tests that inspect uploads and jobs.
   *
   * @return the fine-tuning state of this simulator
   */
  public FineTuning fineTuning() {
    return fineTuning;
  }

  @Override
  public void close() {
    server.close();
  }

  private SimHttpResponse chat(SimHttpRequest req, String api) {
    long arrived = System.nanoTime();
    if (!"POST".equals(req.method())) {
      return SimHttpResponse.json(405, error("use POST"));
    }
    requests.incrementAndGet();
    String key = req.header("X-Synthkit-Call");
    if (key != null && options.recordsCalls()) {
      callKeys.merge(key, 1, Integer::sum);
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(req.body());
    } catch (IOException e) {
      return SimHttpResponse.json(400, error("the request body is not JSON"));
    }
    if (capacity != null && !capacity.tryAcquire()) {
      return new SimHttpResponse(429, error("simulated capacity exceeded"), options.retryAfter());
    }
    try {
      // The slot is freed before the reply is written: a client that reads the reply and sends at once finds it free.
      return answer(api, body, key == null ? "" : key, contentSeed(req.body(), key), arrived);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SimHttpResponse.json(503, error("simulator shutting down"));
    } finally {
      if (capacity != null) {
        capacity.release();
      }
    }
  }

  /**
   * Content depends only on the request and its sample key (and the simulator seed), so the same call always gets the
   * same reply, different calls get different replies, and a restarted simulator continues a run without repeating
   * what an earlier process said.
   */
  private long contentSeed(byte[] body, String key) {
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
   * The reply is due {@code latency} after the request arrived, like a server whose time to answer is the latency:
   * the simulator's own work (decoding, generating the text) happens inside that time, not on top of it.
   */
  private SimHttpResponse answer(String api, JsonNode body, String key, long contentSeed, long arrived)
      throws InterruptedException {
    SimRequest request = decode(api, body, key);
    SplittableRandom rng = new SplittableRandom(contentSeed);
    seq.incrementAndGet();
    Faults.Fault fault = faults.requestFault();
    switch (fault) {
      case RATE_LIMIT -> {
        return new SimHttpResponse(429, error("simulated rate limit"), options.retryAfter());
      }
      case SERVER_ERROR -> {
        return new SimHttpResponse(rng.nextBoolean() ? 500 : 503, error("simulated server error"), null);
      }
      case HANG -> Thread.sleep(options.hangMs());
      case NONE -> { }
    }
    SimResponse scripted = responder == null ? null : responder.respond(request);
    int latency = options.latency() + (options.jitter() > 0 ? rng.nextInt(options.jitter() + 1) : 0)
        + (scripted == null ? 0 : scripted.delayMs());
    long due = arrived + TimeUnit.MILLISECONDS.toNanos(latency);
    SimHttpResponse response = scripted != null && scripted.status() != 200
        ? new SimHttpResponse(scripted.status(), error("scripted error " + scripted.status()),
            scripted.retryAfterSeconds())
        : reply(api, body, request, scripted, rng);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    return response;
  }

  private SimHttpResponse reply(String api, JsonNode body, SimRequest request, SimResponse scripted,
      SplittableRandom rng) {
    List<String> texts = new ArrayList<>();
    List<String> finishes = new ArrayList<>();
    for (int i = 0; i < request.n(); i++) {
      String text;
      String finish = "stop";
      if (scripted != null && !scripted.texts().isEmpty()) {
        text = scripted.texts().get(Math.min(i, scripted.texts().size() - 1));
        finish = scripted.finishReason();
      } else if (request.schema() != null) {
        text = Json.write(new SchemaFaker(request.schema(), rng).generate());
      } else {
        text = PlaceholderText.paragraph(rng, 1 + rng.nextInt(3));
      }
      if (scripted == null && request.schema() != null) {
        Faults.Damaged d = faults.damage(text, rng);
        text = d.text();
        finish = d.truncated() ? "length" : finish;
      }
      int limit = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(Integer.MAX_VALUE));
      int count = options.tokens(text);
      if (count > limit) {
        text = text.substring(0, Math.max(0, text.length() * limit / Math.max(1, count)));
        finish = "length";
      }
      texts.add(text);
      finishes.add(finish);
    }
    long promptTokens = request.messages().stream().mapToLong(m -> options.tokens(m.content()) + 4).sum() + 3;
    long completionTokens = texts.stream().mapToLong(options::tokens).sum();
    boolean tool = usesTool(api, body);
    ObjectNode reply = api.equals("openai")
        ? WireFormat.openAi(request, texts, finishes, tool, promptTokens, completionTokens, seq.get())
        : WireFormat.anthropic(request, texts.get(0), finishes.get(0), tool, promptTokens, completionTokens, seq.get());
    return new SimHttpResponse(200, reply, null);
  }

  private static boolean usesTool(String api, JsonNode body) {
    return body.path("tools").isArray() && !body.path("tools").isEmpty() && body.has("tool_choice");
  }

  private static SimRequest decode(String api, JsonNode body, String key) {
    List<ChatMessage> messages = new ArrayList<>();
    if (api.equals("anthropic") && body.hasNonNull("system")) {
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
    ObjectNode schema = schemaOf(api, body, messages);
    Double temperature = body.has("temperature") ? body.get("temperature").asDouble() : null;
    return new SimRequest(api, body.path("model").asText(""), messages, schema, Math.max(1, body.path("n").asInt(1)),
        temperature, key, body);
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

  private static ObjectNode schemaOf(String api, JsonNode body, List<ChatMessage> messages) {
    JsonNode rf = body.path("response_format");
    if ("json_schema".equals(rf.path("type").asText()) && rf.path("json_schema").path("schema").isObject()) {
      return (ObjectNode) rf.path("json_schema").path("schema");
    }
    JsonNode tools = body.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      JsonNode t = tools.get(0);
      JsonNode params = api.equals("openai") ? t.path("function").path("parameters") : t.path("input_schema");
      if (params.isObject()) {
        return (ObjectNode) params;
      }
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







  private SimHttpResponse embeddings(SimHttpRequest req) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(req.body());
    } catch (IOException e) {
      return SimHttpResponse.json(400, error("the request body is not JSON"));
    }
    List<String> inputs = new ArrayList<>();
    if (body.path("input").isTextual()) {
      inputs.add(body.get("input").asText());
    } else {
      body.path("input").forEach(n -> inputs.add(n.asText()));
    }
    return SimHttpResponse.json(200, WireFormat.embeddings(inputs, body.path("model").asText("synthkit-simulator-embed")));
  }

  private SimHttpResponse models() {
    ObjectNode out = Json.object().put("object", "list");
    var data = out.putArray("data");
    data.addObject().put("id", "synthkit-simulator").put("object", "model").put("owned_by", "synthkit");
    fineTuning.listModels(data);
    return SimHttpResponse.json(200, out);
  }

  static ObjectNode error(String message) {
    ObjectNode e = Json.object();
    e.putObject("error").put("message", message).put("type", "simulated");
    return e;
  }




}
