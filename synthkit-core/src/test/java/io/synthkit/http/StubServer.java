package io.synthkit.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.synthkit.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on a free loopback port that answers exactly what a test scripts: status, headers, and a body
 * sent whole or in timed chunks (server-sent events, stalls). Every request is recorded. For tests of the HTTP stack
 * and of the gateway against real error bodies and streams.
 */
public final class StubServer implements AutoCloseable {

  /**
   * A request as the server saw it.
   *
   * @param method the HTTP method
   * @param path the path and query
   * @param headers headers by lower-case name
   * @param body the body
   */
  public record Seen(String method, String path, Map<String, String> headers, byte[] body) {
    /**
     * Returns the body as JSON.
     *
     * @return the parsed body
     */
    public JsonNode json() {
      return Json.parse(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Returns the body as text.
     *
     * @return the text
     */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * A part of a reply body, sent after a pause.
   *
   * @param pause how long to wait before sending it
   * @param bytes what to send
   */
  public record Chunk(Duration pause, byte[] bytes) {}

  /**
   * A scripted reply.
   *
   * @param status the HTTP status
   * @param headers response headers
   * @param chunks the body, in parts; one part is sent with a Content-Length, several are streamed
   */
  public record Reply(int status, Map<String, String> headers, List<Chunk> chunks) {

    /**
     * A JSON reply.
     *
     * @param status the status
     * @param json the body
     * @return the reply
     */
    public static Reply json(int status, String json) {
      return new Reply(status, Map.of("Content-Type", "application/json"),
          List.of(new Chunk(Duration.ZERO, json.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * A server-sent event stream, each line sent after a pause.
     *
     * @param pause the pause before each line
     * @param lines the lines (an empty string ends an event)
     * @return the reply
     */
    public static Reply sse(Duration pause, List<String> lines) {
      List<Chunk> chunks = new ArrayList<>();
      for (String line : lines) {
        chunks.add(new Chunk(pause, (line + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      return new Reply(200, Map.of("Content-Type", "text/event-stream"), chunks);
    }

    /**
     * Returns a copy with another header.
     *
     * @param name the name
     * @param value the value
     * @return the copy
     */
    public Reply header(String name, String value) {
      Map<String, String> h = new HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, chunks);
    }
  }

  /** Answers requests. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Answers one request.
     *
     * @param request what arrived
     * @return the reply
     * @throws Exception to fail the test's server side (answered as a 500)
     */
    Reply handle(Seen request) throws Exception;
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private StubServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
  }

  /**
   * Starts a server.
   *
   * @param handler answers requests (called concurrently)
   * @return the running server
   */
  public static StubServer start(Handler handler) {
    try {
      return new StubServer(handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the root URL.
   *
   * @return e.g. {@code http://127.0.0.1:PORT}
   */
  public String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /**
   * Returns the requests received so far, in arrival order.
   *
   * @return the requests
   */
  public List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
          exchange.getRequestBody().readAllBytes());
      seen.add(request);
      Reply reply;
      try {
        reply = handler.handle(request);
      } catch (Exception e) {
        reply = Reply.json(500, "{\"error\": {\"message\": \"stub failed: " + e + "\"}}");
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      if (reply.chunks().size() == 1 && reply.chunks().get(0).pause().isZero()) {
        byte[] body = reply.chunks().get(0).bytes();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      exchange.sendResponseHeaders(reply.status(), 0);
      OutputStream out = exchange.getResponseBody();
      for (Chunk c : reply.chunks()) {
        if (!c.pause().isZero()) {
          Thread.sleep(c.pause());
        }
        out.write(c.bytes());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException clientWentAway) {
      // the client under test closed the connection (a timeout it was meant to hit)
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
