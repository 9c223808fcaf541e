package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulator reply: status, content type, body and extra headers. A server-sent event stream keeps its events as
 * separate parts so the server can flush each one as it goes, like a real streaming API.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param parts the body: one part, or one per server-sent event
 * @param headers extra response headers
 */
record SimHttpResponse(int status, String contentType, List<byte[]> parts, Map<String, String> headers) {

  static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

  SimHttpResponse {
    parts = List.copyOf(parts);
    headers = Map.copyOf(headers);
  }

  static SimHttpResponse json(int status, JsonNode body) {
    return new SimHttpResponse(status, "application/json", List.of(Json.bytes(body)), Map.of());
  }

  static SimHttpResponse raw(int status, String contentType, byte[] body) {
    return new SimHttpResponse(status, contentType, List.of(body), Map.of());
  }

  static SimHttpResponse events(List<String> events) {
    return new SimHttpResponse(200, EVENT_STREAM,
        events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList(), Map.of("Cache-Control", "no-cache"));
  }

  SimHttpResponse withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new SimHttpResponse(status, contentType, parts, all);
  }

  boolean streamed() {
    return contentType.startsWith("text/event-stream");
  }

  /** The whole body (all parts), for tests and logs. */
  byte[] bytes() {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
