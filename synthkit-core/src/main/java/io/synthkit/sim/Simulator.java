package io.synthkit.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * synthkit's OpenAI- and Anthropic-compatible model simulator, served over real HTTP on loopback. It stands in for
 * OpenAI, Anthropic, vLLM and Ollama and is as strict as they are, with the official SDKs as its contract:
 *
 * <ul>
 *   <li><b>Requests are checked like the real APIs</b> and refused with their error bodies and statuses: a missing or
 *       unknown key is a 401 ({@code Authorization: Bearer} for OpenAI, {@code x-api-key} for Anthropic), a bad
 *       parameter a 400 naming it ({@link OpenAiChatCheck}, {@link AnthropicCheck}), an unserved model a 404.
 *   <li><b>Chat Completions and Messages</b> answer with schema-valid placeholder content, realistic usage that never
 *       exceeds the request's token limit, {@code tool_choice} semantics ({@link ToolPlan}), and server-sent event
 *       streams for {@code stream: true}. {@code POST /v1/messages/count_tokens} counts Anthropic input tokens.
 *   <li><b>Embeddings, Models, Files and Fine-tuning</b> ({@link FineTuning}) have the real shapes.
 *   <li><b>Batch APIs</b>: OpenAI's Batch API ({@link OpenAiBatches}) over the Files API and Anthropic's Message
 *       Batches ({@link MessageBatches}); every request of a batch is checked and answered like a direct one, with a
 *       completion delay in polls, failed and expired requests set by {@link SimulatorOptions}.
 *   <li><b>Profiles</b> ({@link Profile}), chosen by model name or forced through {@link SimulatorOptions#profile()},
 *       model reasoning models, Ollama's endpoint and servers without json_schema.
 *   <li><b>Faults</b> by rate (429 with Retry-After and rate-limit headers, 500/503 or Anthropic's 529, hangs,
 *       fenced/prose-wrapped, truncated, malformed or schema-violating JSON) in the real error shapes; a capacity
 *       limit answers 429 beyond it.
 * </ul>
 *
 * <p>Tests script exact replies with a {@link Responder}; a scripted error is sent in the API's own error shape.
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
  private final FineTuning fineTuning = new FineTuning();
  private final Auth auth;
  private final ModelCatalog catalog;
  private final ChatEndpoint chat;
  private final Embeddings embeddings;
  private final OpenAiBatches batches;
  private final MessageBatches messageBatches;

  private Simulator(int port, @Nullable SimulatorOptions options, @Nullable Responder responder) {
    this.options = options == null ? SimulatorOptions.DEFAULT : options;
    this.auth = new Auth(this.options.apiKeys());
    this.catalog = new ModelCatalog(this.options.models(), fineTuning);
    this.chat = new ChatEndpoint(this.options, responder, auth, catalog);
    this.embeddings = new Embeddings(this.options, auth, catalog);
    this.batches = new OpenAiBatches(this.options, fineTuning.store(), chat);
    this.messageBatches = new MessageBatches(this.options, chat);
    this.server = new HttpFront(port, this::route);
  }

  /** Dispatches by path prefix, like the OpenAI and Anthropic APIs. */
  private SimHttpResponse route(SimHttpRequest req) {
    String path = req.path();
    Api api = anthropic(req) ? Api.ANTHROPIC : Api.OPENAI;
    try {
      if (path.startsWith("/v1/chat/completions")) {
        return chat.chat(req, Api.OPENAI);
      } else if (path.startsWith("/v1/messages/batches")) {
        ApiError refused = auth.check(Api.ANTHROPIC, req, true);
        refused = refused != null ? refused : AnthropicCheck.version(req);
        return refused != null ? refused.response() : messageBatches.handle(req);
      } else if (path.startsWith("/v1/messages/count_tokens")) {
        return chat.countTokens(req);
      } else if (path.startsWith("/v1/messages")) {
        return chat.chat(req, Api.ANTHROPIC);
      } else if (path.startsWith("/v1/embeddings")) {
        return embeddings.handle(req);
      }
      ApiError refused = auth.check(api, req, api == Api.ANTHROPIC || options.profileFor("").requiresKey());
      if (refused == null && api == Api.ANTHROPIC) {
        refused = AnthropicCheck.version(req);
      }
      if (refused != null) {
        return refused.response();
      }
      if (path.startsWith("/v1/models")) {
        return catalog.handle(req, api);
      } else if (path.startsWith("/v1/files")) {
        return fineTuning.files(req);
      } else if (path.startsWith("/v1/fine_tuning/jobs")) {
        return fineTuning.jobs(req);
      } else if (path.startsWith("/v1/batches")) {
        return batches.handle(req);
      }
      return ApiError.notFound(api, "Invalid URL (" + req.method() + " " + path + "): the simulator serves"
          + " /v1/chat/completions, /v1/messages, /v1/messages/count_tokens, /v1/embeddings, /v1/models, /v1/files"
          + ", /v1/fine_tuning/jobs, /v1/batches and /v1/messages/batches").response();
    } catch (RuntimeException e) {
      return ApiError.serverError(api, 500).withHeaders(Map.of("X-Synthkit-Error", String.valueOf(e)))
          .response();
    }
  }

  /** Anthropic's clients send a version header (and often their key as x-api-key); OpenAI's send neither. */
  private static boolean anthropic(SimHttpRequest req) {
    return req.header("anthropic-version") != null || req.header("x-api-key") != null;
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
  public static Simulator start(@Nullable SimulatorOptions options, @Nullable Responder responder) {
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
  public static Simulator start(int port, @Nullable SimulatorOptions options,
      @Nullable Responder responder) {
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
   * Returns the number of chat requests received (refused and faulty ones included).
   *
   * @return the count
   */
  public long requests() {
    return chat.requests();
  }

  /**
   * Returns how often each sample key was requested (from the {@code X-Synthkit-Call} header), for tests that check
   * that completed work is never requested twice.
   *
   * @return key to count
   */
  public Map<String, Integer> callKeyCounts() {
    return chat.callKeyCounts();
  }

  /**
   * Returns the ids of every batch job this simulator created (OpenAI batches, then Anthropic message batches), for
   * tests that check that a client never submits the same work twice.
   *
   * @return the ids, in creation order per API
   */
  public java.util.List<String> batchIds() {
    java.util.List<String> out = new java.util.ArrayList<>(batches.ids());
    out.addAll(messageBatches.ids());
    return out;
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
}
