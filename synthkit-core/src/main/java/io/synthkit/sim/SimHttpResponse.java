package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;

/**
 * A simulator reply: status, JSON body, optional Retry-After.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param retryAfter the Retry-After header in seconds, or {@code null}
 */
record SimHttpResponse(int status, JsonNode body, Integer retryAfter) {

  static SimHttpResponse json(int status, JsonNode body) {
    return new SimHttpResponse(status, body, null);
  }

  byte[] bytes() {
    return Json.bytes(body);
  }
}
