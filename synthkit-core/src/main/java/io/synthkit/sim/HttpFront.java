package io.synthkit.sim;

import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's HTTP server: Helidon WebServer on loopback, one virtual thread per request, handing every request
 * to one function. Helidon rather than the JDK's {@code HttpServer}: measured on 2 cores it spends about 40% less CPU
 * per request and keeps any number of keep-alive connections; Nagle's algorithm is off so small replies are not held
 * back waiting for the client's delayed ACK. All of this matters when the simulator shares a small machine with the
 * client it is benchmarking.
 */
final class HttpFront implements AutoCloseable {

  /** Helidon announces its start and stop on java.util.logging; a simulator should be quiet. Held strongly. */
  private static final Logger HELIDON = Logger.getLogger("io.helidon");

  static {
    if (HELIDON.getLevel() == null) {
      HELIDON.setLevel(Level.WARNING);
    }
  }

  /** Response header by which the simulator identifies itself. */
  static final String SIMULATED_HEADER = "X-Synthkit-Simulated";

  private final WebServer server;

  HttpFront(int port, Function<SimHttpRequest, SimHttpResponse> handler) {
    this.server = WebServer.builder()
        .host(InetAddress.getLoopbackAddress().getHostAddress())
        .port(port)
        .backlog(4096)
        .connectionOptions(o -> o.tcpNoDelay(true))
        .shutdownHook(false)
        .routing(r -> r.any((req, res) -> reply(res, handler.apply(request(req)))))
        .build()
        .start();
  }

  int port() {
    return server.port();
  }

  private static SimHttpRequest request(ServerRequest req) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : req.headers()) {
      headers.putIfAbsent(h.name().toLowerCase(Locale.ROOT), h.get());
    }
    byte[] body = req.content().hasEntity() ? body(req, headers.get("content-length")) : new byte[0];
    return new SimHttpRequest(req.prologue().method().text(), req.path().rawPath(), req.query().rawValue(),
        headers, body);
  }

  /**
   * Reads exactly Content-Length bytes. Helidon's own {@code as(byte[].class)} grows generic buffers, which was a third
   * of all the memory the simulator allocated per request.
   */
  private static byte[] body(ServerRequest req, @Nullable String contentLength) {
    try (java.io.InputStream in = req.content().inputStream()) {
      if (contentLength != null) {
        try {
          return in.readNBytes(Integer.parseInt(contentLength.strip()));
        } catch (NumberFormatException e) {
          // fall through: read until the end
        }
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void reply(ServerResponse res, SimHttpResponse r) {
    res.status(r.status());
    res.header("Content-Type", r.contentType());
    // Every response, errors and streams included, says that it is simulated.
    res.header(SIMULATED_HEADER, "true");
    r.headers().forEach(res::header);
    if (!r.streamed()) {
      res.send(r.parts().get(0));
      return;
    }
    try (java.io.OutputStream out = res.outputStream()) {
      for (byte[] event : r.parts()) {
        out.write(event);
        out.flush();
      }
    } catch (java.io.IOException e) {
      // the client went away mid-stream; nothing to tell it
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
