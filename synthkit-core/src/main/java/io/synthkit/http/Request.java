package io.synthkit.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request for {@link HttpTransport}.
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the URL
 * @param headers request headers (values may be secrets: never logged)
 * @param body the body, or {@code null} for none
 * @param contentType the body's media type, or {@code null}
 * @param timeout how long to wait for the response (to its first byte; a stream has its own stall timeout)
 * @param followRedirects whether 3xx answers are followed
 */
public record Request(String method, URI uri, Map<String, String> headers, byte @Nullable [] body,
    @Nullable String contentType, Duration timeout, boolean followRedirects) {

  /** JSON bodies' media type. */
  public static final String JSON = "application/json";

  /** Checks the fields. */
  public Request {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    headers = headers == null ? Map.of() : headers;
  }

  /**
   * A POST without redirects.
   *
   * @param uri the URL
   * @param headers the headers
   * @param body the body
   * @param contentType its media type
   * @param timeout the response timeout
   * @return the request
   */
  public static Request post(URI uri, Map<String, String> headers, byte[] body, String contentType,
      Duration timeout) {
    return new Request("POST", uri, headers, body, contentType, timeout, false);
  }

  /**
   * A GET without redirects.
   *
   * @param uri the URL
   * @param headers the headers
   * @param timeout the response timeout
   * @return the request
   */
  public static Request get(URI uri, Map<String, String> headers, Duration timeout) {
    return new Request("GET", uri, headers, null, null, timeout, false);
  }

  /**
   * Returns a copy that follows redirects.
   *
   * @return the copy
   */
  public Request followingRedirects() {
    return new Request(method, uri, headers, body, contentType, timeout, true);
  }
}
