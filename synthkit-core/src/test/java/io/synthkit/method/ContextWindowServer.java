package io.synthkit.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.synthkit.config.ConfigBuilder;
import io.synthkit.json.Json;
import io.synthkit.run.TestRuns;
import io.synthkit.sim.Responder;
import io.synthkit.sim.SimRequest;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An OpenAI-compatible server with a small context window, for tests: a scripted simulator behind a real HTTP front
 * that answers the requests whose sample key matches with the 400 error OpenAI sends when a prompt does not fit
 * ({@code "This model's maximum context length is ..."}, code {@code context_length_exceeded}), and passes every other
 * request through. A run points {@code models.default} at it with {@link #configure(ConfigBuilder)}.
 */
public final class ContextWindowServer implements AutoCloseable {

  /** The body of OpenAI's context-length error. */
  static final String ERROR = Json.write(Json.object().set("error", Json.object()
      .put("message", "This model's maximum context length is 8192 tokens. However, your messages resulted in 9731"
          + " tokens. Please reduce the length of the messages.")
      .put("type", "invalid_request_error").put("param", "messages").put("code", "context_length_exceeded")));

  /** Headers the JDK client sets itself. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final Simulator simulator;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, Integer> refused = new ConcurrentHashMap<>();

  private ContextWindowServer(Responder responder, Predicate<String> overLong) {
    // The simulator sees a 413 marker for over-long keys; the front turns it into OpenAI's 400.
    this.simulator = Simulator.start(null, req -> overLong.test(req.callKey()) ? refuse(req) : responder.respond(req));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      simulator.close();
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::forward);
    server.start();
  }

  /**
   * Starts a server.
   *
   * @param responder the script for the requests that fit
   * @param overLong which sample keys hold a prompt over the context window
   * @return the running server
   */
  public static ContextWindowServer start(Responder responder, Predicate<String> overLong) {
    return new ContextWindowServer(responder, overLong);
  }

  private SimResponse refuse(SimRequest req) {
    refused.merge(req.callKey(), 1, Integer::sum);
    return SimResponse.error(413, null);
  }

  /**
   * Points every model role of a config at this server.
   *
   * @param config the config
   * @return the same builder
   */
  public ConfigBuilder configure(ConfigBuilder config) {
    return config.set("models.default.provider", "openai").set("models.default.base_url", baseUrl())
        .set("models.default.api_key", "test-key").set("models.default.model", "small-window");
  }

  /**
   * Reads the rejections a run recorded under a step.
   *
   * @param runDir the run directory
   * @param step e.g. {@code context_length}
   * @return the rejections, in file order
   */
  public static List<JsonNode> rejections(Path runDir, String step) {
    return TestRuns.lines(runDir, "rejected.jsonl").stream().map(Json::parse)
        .filter(n -> n.path("step").asText().equals(step)).toList();
  }

  /**
   * Returns how often each over-long key was requested.
   *
   * @return sample key to request count
   */
  public Map<String, Integer> refused() {
    return Map.copyOf(refused);
  }

  /**
   * Returns the OpenAI-style base URL.
   *
   * @return {@code http://127.0.0.1:PORT/v1}
   */
  public String baseUrl() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort()
        + "/v1";
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.rootUrl() + exchange.getRequestURI()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 413) {
        reply(exchange, 400, Map.of("Content-Type", List.of("application/json")),
            ERROR.getBytes(StandardCharsets.UTF_8));
      } else {
        reply(exchange, response.statusCode(), response.headers().map(), response.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void reply(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    headers.forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    simulator.close();
    client.close();
  }
}
