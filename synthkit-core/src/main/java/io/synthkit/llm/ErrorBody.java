package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.secret.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An API error body as OpenAI ({@code {"error": {"message", "type", "param", "code"}}}), Anthropic
 * ({@code {"type": "error", "error": {"type", "message"}}}), vLLM or a plain-text proxy sends it.
 *
 * @param message the human-readable message, on one line and abbreviated (may be empty)
 * @param type the error type, e.g. {@code invalid_request_error}, or an empty string
 * @param param the parameter the server names (OpenAI), or an empty string
 * @param code the error code, e.g. {@code unsupported_parameter}, or an empty string
 */
record ErrorBody(String message, String type, String param, String code) {

  /**
   * Reads an error body.
   *
   * @param body the raw body
   * @return the parsed error; unparseable bodies give their abbreviated text as the message
   */
  static ErrorBody parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      JsonNode json = Json.MAPPER.readTree(text);
      if (json != null && json.isObject()) {
        JsonNode error = json.path("error");
        String m = error.isTextual() ? error.asText() : error.path("message").asText(json.path("message").asText(""));
        String param = error.path("param").isTextual() ? error.path("param").asText() : "";
        String code = error.path("code").isValueNode() && !error.path("code").isNull() ? error.path("code").asText()
            : "";
        if (!m.isEmpty()) {
          return new ErrorBody(abbreviate(m), error.path("type").asText(""), param, code);
        }
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the raw text
    }
    return new ErrorBody(abbreviate(text), "", "", "");
  }

  /**
   * Returns "HTTP status: message", the one line a failure is reported with.
   *
   * @param status the HTTP status
   * @return the line
   */
  String line(int status) {
    return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
  }

  /** Servers echo keys and Authorization headers in error bodies: they are redacted before anything keeps them. */
  private static String abbreviate(String s) {
    String one = Objects.requireNonNull(Secrets.redact(s.replaceAll("\\s+", " ")), "a redacted text is a text");
    return one.length() <= 300 ? one : one.substring(0, 300) + "...";
  }
}
