package io.synthkit.retrieval;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the MediaWiki Action API on a free loopback port, serving canned JSON from
 * {@code src/test/resources/io/synthkit/retrieval/wikipedia/}. Search requests are routed by {@code srsearch},
 * extract requests by {@code titles}; scripted failures are served first, in order. Every request is recorded.
 */
final class FixtureWiki implements AutoCloseable {

  /** One request as the server saw it: decoded query parameters and the User-Agent header. */
  record Request(Map<String, String> params, String userAgent) {
    String param(String name) {
      return params.get(name);
    }

    boolean isSearch() {
      return "search".equals(params.get("list"));
    }
  }

  private record Canned(int status, String retryAfter, String body, Duration delay) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> routes = new ConcurrentHashMap<>();
  private final Queue<Canned> scripted = new ConcurrentLinkedQueue<>();

  private FixtureWiki() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/w/api.php", this::handle);
    server.start();
  }

  static FixtureWiki start() {
    try {
      return new FixtureWiki();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/w/api.php";
  }

  /** Answers {@code list=search&srsearch=query} with a resource file. */
  FixtureWiki search(String query, String resource) {
    routes.put("search:" + query, resource(resource));
    return this;
  }

  /** Answers {@code prop=extracts&titles=titles} (titles joined with |) with a resource file. */
  FixtureWiki extracts(String titles, String resource) {
    routes.put("extracts:" + titles, resource(resource));
    return this;
  }

  /** Answers a route with inline JSON. */
  FixtureWiki json(String route, String json) {
    routes.put(route, json);
    return this;
  }

  /** Serves this status (with an optional Retry-After) to the next request, before any route. */
  FixtureWiki fail(int status, String retryAfter) {
    scripted.add(new Canned(status, retryAfter, "{\"error\":\"scripted " + status + "\"}", Duration.ZERO));
    return this;
  }

  /** Serves a 200 with this body to the next request, before any route. */
  FixtureWiki answer(String body) {
    scripted.add(new Canned(200, null, body, Duration.ZERO));
    return this;
  }

  /** Serves a route only after a delay, to provoke a client timeout. */
  FixtureWiki stall(Duration delay) {
    scripted.add(new Canned(200, null, "{}", delay));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> params = decode(exchange.getRequestURI().getRawQuery());
    requests.add(new Request(params, exchange.getRequestHeaders().getFirst("User-Agent")));
    Canned canned = scripted.poll();
    if (canned == null) {
      String route = "search".equals(params.get("list")) ? "search:" + params.get("srsearch")
          : "extracts:" + params.get("titles");
      String body = routes.get(route);
      canned = body == null
          ? new Canned(404, null, "no fixture for " + route, Duration.ZERO)
          : new Canned(200, null, body, Duration.ZERO);
    }
    if (!canned.delay().isZero()) {
      try {
        Thread.sleep(canned.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    if (canned.retryAfter() != null) exchange.getResponseHeaders().add("Retry-After", canned.retryAfter());
    try {
      exchange.sendResponseHeaders(canned.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException clientGone) {
      // The client timed out and closed the connection; nothing to answer.
    } finally {
      exchange.close();
    }
  }

  private static Map<String, String> decode(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null) return params;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  static String resource(String name) {
    try (InputStream in = FixtureWiki.class.getResourceAsStream("wikipedia/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture file " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
