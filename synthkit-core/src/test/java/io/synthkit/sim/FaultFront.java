package io.synthkit.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault server for tests: a real HTTP front before the simulator whose script may answer any request with raw bytes
 * the simulator would never send (a {@code choices: []} body, an empty body, an error body that echoes the key or the
 * {@code Authorization} header); every request the script leaves alone goes through to the simulator. Only model
 * calls (POST) are scripted and counted.
 */
public final class FaultFront implements AutoCloseable {

  /** Headers the JDK client sets itself. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  /**
   * A request as the front saw it.
   *
   * @param body the request body
   * @param headers its headers, names in lower case
   * @param number the 1-based count of requests seen so far, this one included
   */
  public record Seen(String body, Map<String, String> headers, long number) {}

  /**
   * A raw reply.
   *
   * @param status the HTTP status
   * @param body the body, sent as is
   * @param headers extra headers (for example Retry-After)
   */
  public record Raw(int status, String body, Map<String, String> headers) {
    /** A JSON body with the status. */
    public static Raw json(int status, String body) {
      return new Raw(status, body, Map.of("Content-Type", "application/json"));
    }
  }

  /** Decides a request's raw reply, or {@code null} to pass it to the simulator. Called concurrently. */
  @FunctionalInterface
  public interface Script {
    Raw answer(Seen request);
  }

  private final Simulator simulator;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Script script;
  private final AtomicLong seen = new AtomicLong();
  private volatile Script override;

  private FaultFront(Script script) {
    this.script = script;
    this.simulator = Simulator.start(null);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      simulator.close();
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a front.
   *
   * @param script the faults
   * @return the running front
   */
  public static FaultFront start(Script script) {
    return new FaultFront(script);
  }

  /**
   * Replaces the script (for example with none, to let a healthy server answer a resumed run).
   *
   * @param next the script, or {@code null} to pass every request through
   */
  public void script(Script next) {
    override = next == null ? r -> null : next;
  }

  /** @return {@code http://127.0.0.1:PORT/v1} */
  public String baseUrl() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort()
        + "/v1";
  }

  /** @return how many model calls (POST requests) reached the front */
  public long requests() {
    return seen.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestMethod().equals("GET")) {
        // The run's up-front reachability check (GET /models) is not a model call: it goes through uncounted and
        // unscripted, so the scripts and counts are about model calls only.
        forward(exchange, body);
        return;
      }
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      Seen request = new Seen(new String(body, StandardCharsets.UTF_8), Map.copyOf(headers), seen.incrementAndGet());
      Script s = override != null ? override : script;
      Raw raw = s.answer(request);
      if (raw != null) {
        raw.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = raw.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(raw.status(), out.length == 0 ? -1 : out.length);
        exchange.getResponseBody().write(out);
        return;
      }
      forward(exchange, body);
    }
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.rootUrl() + exchange.getRequestURI()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response.headers().map().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.startsWith(":")) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    byte[] out = response.body();
    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    exchange.getResponseBody().write(out);
  }

  @Override
  public void close() {
    server.stop(0);
    simulator.close();
    client.close();
  }
}
