package io.synthkit.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * HTTP for every outbound call: pooled keep-alive connections (HTTP/1.1, TLS), blocking I/O on the caller's (virtual)
 * thread, plain bodies and streamed ones (server-sent events) read line by line.
 *
 * <p>Why not {@code java.net.http.HttpClient}: measured on 2 cores against the simulator, it spends about 0.4 ms of
 * CPU per call (its asynchronous pipeline hops between threads and wakes its selector for every request's timer);
 * Apache HttpClient 5's classic API spends about 0.15 ms, which is what lets hundreds of concurrent calls run at the
 * server's full capacity (see the gateway benchmark in the README). Socket reads on virtual threads are interruptible,
 * so cancelling a run stops calls in flight.
 *
 * <p>Failures are reported as {@link HttpTimeoutException} (no response, or a stalled stream), {@link ConnectException}
 * (nobody listening) or another {@link IOException}. Honours {@code HTTPS_PROXY}/{@code HTTP_PROXY} (and
 * {@code NO_PROXY}) from the environment and the JVM's proxy properties. Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {

  /** Receives the lines of a streamed body. */
  @FunctionalInterface
  public interface LineHandler {
    /**
     * Takes one line (without its terminator).
     *
     * @param line the line
     * @return false to stop reading
     * @throws IOException when the stream cannot be understood
     */
    boolean line(String line) throws IOException;
  }

  private final CloseableHttpClient client;
  /**
   * The same connection pool without the full client's execution chain (redirects, authentication challenges, proxy
   * routing), or {@code null} when a proxy is configured. Model calls need none of that chain: they never follow
   * redirects and send their own Authorization header. Skipping it (it parses every request's URI again to scope
   * authentication, and builds a route, a context and three chain elements) takes about a tenth off the client's
   * CPU per call.
   */
  private final @Nullable CloseableHttpClient lean;

  /** Creates a transport with its own connection pool. */
  public HttpTransport() {
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(8192).setMaxConnPerRoute(8192) // endpoints' own limiters bound real concurrency
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(15))
            // A keep-alive connection the server closed while idle would fail the next POST (not retried by the
            // library because POST is not idempotent); re-check connections idle for more than a second.
            .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
        .build();
    // No gzip (model replies are small JSON) and no per-request proxy lookup unless a proxy is configured: both cost
    // measurable CPU at thousands of calls a second. Redirects are followed only where a request asks for it.
    var builder = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries()
        .disableCookieManagement().disableContentCompression().evictIdleConnections(TimeValue.ofSeconds(30));
    if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
      builder.useSystemProperties();
    }
    Optional<HttpRoutePlanner> proxy = proxyFromEnvironment();
    proxy.ifPresent(builder::setRoutePlanner);
    this.client = builder.build();
    boolean proxied = proxy.isPresent() || System.getProperty("https.proxyHost") != null
        || System.getProperty("http.proxyHost") != null;
    // The lean client shares the pool, so the full client's idle-connection evictor and the one-second stale check
    // cover its connections too.
    this.lean = proxied ? null : HttpClients.createMinimal(pool);
  }

  /**
   * Sends a request and reads the whole response.
   *
   * @param request the request
   * @return the response
   * @throws HttpTimeoutException when the server did not answer in time
   * @throws ConnectException when nobody accepts the connection
   * @throws IOException on other connection failures
   * @throws InterruptedException when the calling thread was interrupted
   */
  public Response send(Request request) throws IOException, InterruptedException {
    HttpUriRequestBase req = build(request, request.timeout());
    return execute(req, request.timeout(), r -> new Response(r.getCode(), body(r.getEntity()), headers(r)));
  }

  /**
   * Sends a request whose successful response is a stream of lines (server-sent events). A 2xx body is handed to
   * {@code lines} as it arrives and the returned response has an empty body; any other status is read whole.
   *
   * @param request the request; its timeout bounds the whole exchange
   * @param stall the longest silence allowed while the body streams
   * @param lines receives the lines
   * @return the response
   * @throws HttpTimeoutException when the server did not answer in time, went silent, or did not finish in time
   * @throws IOException on connection failures, or from {@code lines}
   * @throws InterruptedException when the calling thread was interrupted
   */
  public Response stream(Request request, Duration stall, LineHandler lines) throws IOException, InterruptedException {
    Duration silence = stall.compareTo(request.timeout()) < 0 ? stall : request.timeout();
    HttpUriRequestBase req = build(request, silence);
    long deadline = System.nanoTime() + request.timeout().toNanos();
    return execute(req, silence, r -> {
      if (r.getCode() / 100 != 2) {
        return new Response(r.getCode(), body(r.getEntity()), headers(r));
      }
      try {
        readLines(r.getEntity(), deadline, request.timeout(), silence, lines);
      } catch (IOException | RuntimeException e) {
        req.cancel(); // close the connection rather than drain a stalled or endless stream
        throw e;
      }
      return new Response(r.getCode(), new byte[0], headers(r));
    });
  }

  private static void readLines(HttpEntity entity, long deadline, Duration total, Duration silence,
      LineHandler lines) throws IOException {
    if (entity == null) {
      return;
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(entity.getContent(), StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (System.nanoTime() - deadline > 0) {
          throw new HttpTimeoutException("the stream did not finish within " + describe(total));
        }
        if (!lines.line(line)) {
          return;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("the stream stalled: no data for " + describe(silence));
    }
  }

  private interface Handler {
    Response handle(ClassicHttpResponse response) throws IOException;
  }

  private Response execute(HttpUriRequestBase req, Duration timeout, Handler handler)
      throws IOException, InterruptedException {
    try {
      if (lean != null && req.getConfig() != null && !req.getConfig().isRedirectsEnabled()) {
        return lean.execute(req, HttpClientContext.create(), handler::handle);
      }
      return client.execute(req, handler::handle);
    } catch (HttpTimeoutException e) {
      throw interruptedOr(e);
    } catch (SocketTimeoutException e) {
      throw interruptedOr(new HttpTimeoutException("no response within " + describe(timeout)));
    } catch (ConnectException e) {
      // Apache's own subclass names its package in messages; the plain type is what callers report.
      ConnectException plain = new ConnectException(e.getMessage());
      plain.initCause(e);
      throw interruptedOr(plain);
    } catch (InterruptedIOException e) {
      throw interruptedOr(new HttpTimeoutException("request timed out"));
    } catch (IOException e) {
      throw interruptedOr(e);
    }
  }

  private static IOException interruptedOr(IOException e) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted");
    }
    return e;
  }

  /** What a request's settings come to; the few distinct ones are built once (both types are immutable). */
  private record ConfigKey(Duration response, Duration lease, boolean redirects) {}

  private static final Map<ConfigKey, RequestConfig> CONFIGS = new ConcurrentHashMap<>();
  private static final Map<String, ContentType> CONTENT_TYPES = new ConcurrentHashMap<>();

  private static HttpUriRequestBase build(Request request, Duration responseTimeout) {
    HttpUriRequestBase req = switch (request.method()) {
      case "GET" -> new HttpGet(request.uri());
      case "POST" -> new HttpPost(request.uri());
      default -> new HttpUriRequestBase(request.method(), request.uri());
    };
    request.headers().forEach(req::setHeader);
    if (request.body() != null) {
      req.setEntity(new ByteArrayEntity(request.body(), request.contentType() == null ? null
          : CONTENT_TYPES.computeIfAbsent(request.contentType(), ContentType::parse)));
    }
    req.setConfig(CONFIGS.computeIfAbsent(new ConfigKey(responseTimeout, request.timeout(),
        request.followRedirects()), k -> RequestConfig.custom().setResponseTimeout(Timeout.of(k.response()))
            .setConnectionRequestTimeout(Timeout.of(k.lease())).setRedirectsEnabled(k.redirects()).build()));
    return req;
  }

  /** Reads exactly Content-Length bytes when known (replies are small; a generic 4 KiB buffer per call adds up). */
  private static byte[] body(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    long length = entity.getContentLength();
    try (InputStream in = entity.getContent()) {
      if (in == null) {
        return new byte[0];
      }
      return length >= 0 && length < Integer.MAX_VALUE ? in.readNBytes((int) length) : in.readAllBytes();
    }
  }

  private static Map<String, String> headers(ClassicHttpResponse r) {
    return new ResponseHeaders(r.getHeaders());
  }

  /**
   * A response's headers under lower-case names (the first of repeated ones), looked up in place: a call reads one or
   * two of them, so building a map of all of them, each name lower-cased, for every response was wasted work.
   */
  private static final class ResponseHeaders extends AbstractMap<String, String> {
    private final Header[] all;
    private @Nullable Set<Map.Entry<String, String>> entries;

    ResponseHeaders(Header[] all) {
      this.all = all;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
      // The keys are the lower-case names: a name in other case is not one of them.
      if (key instanceof String name && lowerCase(name)) {
        for (Header h : all) {
          if (h.getName().equalsIgnoreCase(name)) {
            return h.getValue();
          }
        }
      }
      return null;
    }

    /** Whether a name is its own lower case, without building the lower-case copy for the usual ASCII name. */
    private static boolean lowerCase(String name) {
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c >= 128) {
          return name.equals(name.toLowerCase(Locale.ROOT));
        }
        if (c >= 'A' && c <= 'Z') {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
      return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      Set<Map.Entry<String, String>> e = entries;
      if (e == null) {
        Map<String, String> out = new LinkedHashMap<>(all.length * 2);
        for (Header h : all) {
          out.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        }
        e = Collections.unmodifiableMap(out).entrySet();
        entries = e;
      }
      return e;
    }
  }

  static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static Optional<HttpRoutePlanner> proxyFromEnvironment() {
    String url = firstEnv("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI proxy = URI.create(url.contains("://") ? url : "http://" + url);
    String noProxy = firstEnv("NO_PROXY", "no_proxy");
    HttpHost host = new HttpHost(proxy.getScheme(), proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort());
    return Optional.of(new DefaultProxyRoutePlanner(host) {
      @Override
      protected @Nullable HttpHost determineProxy(HttpHost target,
          org.apache.hc.core5.http.protocol.HttpContext context) {
        return bypass(target.getHostName(), noProxy) ? null : host;
      }
    });
  }

  static boolean bypass(String host, @Nullable String noProxy) {
    if (noProxy == null || noProxy.isBlank()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String rule : noProxy.split(",")) {
      String r = rule.strip().toLowerCase(Locale.ROOT);
      if (r.equals("*") || (!r.isEmpty() && (h.equals(r) || h.endsWith(r.startsWith(".") ? r : "." + r)))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String firstEnv(String... names) {
    for (String n : names) {
      String v = System.getenv(n);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  @Override
  public void close() {
    try {
      client.close();
      if (lean != null) {
        lean.close(); // the pool, already closed with the full client; closing it again does nothing
      }
    } catch (IOException ignored) {
      // closing pooled sockets; nothing to recover
    }
  }
}
