package io.synthkit.llm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP for the gateway: pooled keep-alive connections (HTTP/1.1, TLS), blocking I/O on the caller's virtual thread.
 *
 * <p>Why not {@code java.net.http.HttpClient}: measured on 2 cores against the simulator, it spends about 0.4 ms of
 * CPU per call (its asynchronous pipeline hops between threads and wakes its selector for every request's timer);
 * Apache HttpClient 5's classic API spends about 0.15 ms, which is what lets hundreds of concurrent calls run at the
 * server's full capacity (see the gateway benchmark in the README). Socket reads on virtual threads are interruptible,
 * so cancelling a run stops calls in flight.
 *
 * <p>Honours {@code HTTPS_PROXY}/{@code HTTP_PROXY} (and {@code NO_PROXY}) from the environment and the JVM's proxy
 * properties. Thread-safe.
 */
final class HttpTransport implements AutoCloseable {

  /**
   * A completed exchange.
   *
   * @param status the HTTP status
   * @param body the response body
   * @param retryAfter the Retry-After header, or {@code null}
   * @param simulated true when the response carries synthkit's simulator header
   */
  record Response(int status, byte[] body, String retryAfter, boolean simulated) {}

  private final CloseableHttpClient client;

  HttpTransport() {
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(8192).setMaxConnPerRoute(8192) // endpoints' own limiters bound real concurrency
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(15))
            // A keep-alive connection the server closed while idle would fail the next POST (not retried by the
            // library because POST is not idempotent); re-check connections idle for more than a second.
            .setValidateAfterInactivity(TimeValue.ofSeconds(1)).build())
        .build();
    // No gzip (model replies are small JSON) and no per-request proxy lookup unless a proxy is configured: both cost
    // measurable CPU at thousands of calls a second.
    var builder = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries()
        .disableCookieManagement().disableRedirectHandling().disableContentCompression()
        .evictIdleConnections(TimeValue.ofSeconds(30));
    if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
      builder.useSystemProperties();
    }
    proxyFromEnvironment().ifPresent(builder::setRoutePlanner);
    this.client = builder.build();
  }

  /**
   * Posts a JSON body.
   *
   * @param uri the URL
   * @param headers request headers (never logged)
   * @param body the JSON bytes
   * @param timeout how long to wait for the response
   * @return the response
   * @throws HttpTimeoutException when the server did not answer in time
   * @throws IOException on connection failures
   * @throws InterruptedException when the calling thread was interrupted
   */
  Response post(URI uri, Map<String, String> headers, byte[] body, Duration timeout)
      throws IOException, InterruptedException {
    HttpPost post = new HttpPost(uri);
    headers.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout))
        .setConnectionRequestTimeout(Timeout.of(timeout)).build());
    try {
      return client.execute(post, r -> new Response(r.getCode(), body(r.getEntity()),
          header(r.getHeader("Retry-After")), r.getHeader(Endpoint.SIMULATED_HEADER) != null));
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("no response within " + timeout.toSeconds() + " s");
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted");
      }
      throw new HttpTimeoutException("request timed out");
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted");
      }
      throw e;
    }
  }

  /** Reads exactly Content-Length bytes when known (replies are small; a generic 4 KiB buffer per call adds up). */
  private static byte[] body(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    long length = entity.getContentLength();
    try (java.io.InputStream in = entity.getContent()) {
      if (in == null) {
        return new byte[0];
      }
      return length >= 0 && length < Integer.MAX_VALUE ? in.readNBytes((int) length) : in.readAllBytes();
    }
  }

  private static String header(Header h) {
    return h == null ? null : h.getValue();
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
      protected HttpHost determineProxy(HttpHost target, org.apache.hc.core5.http.protocol.HttpContext context) {
        return bypass(target.getHostName(), noProxy) ? null : host;
      }
    });
  }

  static boolean bypass(String host, String noProxy) {
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

  private static String firstEnv(String... names) {
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
    } catch (IOException ignored) {
      // closing pooled sockets; nothing to recover
    }
  }
}
