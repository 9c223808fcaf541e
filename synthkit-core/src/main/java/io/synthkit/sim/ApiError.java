package io.synthkit.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error the way the real API shapes it, so clients and SDKs map it to their typed exceptions:
 *
 * <ul>
 *   <li>OpenAI: {@code {"error": {"message", "type", "param", "code"}}};
 *   <li>Anthropic: {@code {"type": "error", "error": {"type", "message"}, "request_id"}}.
 * </ul>
 *
 * <p>The wording of the messages is modelled on what the APIs say, so that clients which look for words such as
 * {@code max_completion_tokens} or {@code response_format} react as they would to the real thing.
 *
 * @param api whose shape
 * @param status the HTTP status
 * @param type OpenAI's {@code type} or Anthropic's {@code error.type}
 * @param message the human-readable message
 * @param param the OpenAI {@code param}, or {@code null}
 * @param code the OpenAI {@code code}, or {@code null}
 * @param headers extra response headers (Retry-After, rate-limit headers)
 */
record ApiError(Api api, int status, String type, String message, @Nullable String param, @Nullable String code,
    Map<String, String> headers) {

  ApiError {
    headers = Map.copyOf(headers);
  }

  static ApiError openAi(int status, String type, String message, @Nullable String param,
      @Nullable String code) {
    return new ApiError(Api.OPENAI, status, type, message, param, code, Map.of());
  }

  static ApiError anthropic(int status, String type, String message) {
    return new ApiError(Api.ANTHROPIC, status, type, message, null, null, Map.of());
  }

  /** A 400 {@code invalid_request_error}. */
  static ApiError invalid(Api api, String message, @Nullable String param, @Nullable String code) {
    return api == Api.OPENAI ? openAi(400, "invalid_request_error", message, param, code)
        : anthropic(400, "invalid_request_error", message);
  }

  /** OpenAI's 400 for a request body that is not JSON (its files, batches and fine-tuning endpoints). */
  static ApiError unparsableOpenAiBody() {
    return invalid(Api.OPENAI, "We could not parse the JSON body of your request.", null, null);
  }

  static ApiError missingKey(Api api) {
    return api == Api.OPENAI
        ? openAi(401, "invalid_request_error", "You didn't provide an API key. You need to provide your API key in an"
            + " Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null)
        : anthropic(401, "authentication_error", "x-api-key header is required");
  }

  static ApiError wrongKey(Api api, String key) {
    return api == Api.OPENAI
        ? openAi(401, "invalid_request_error", "Incorrect API key provided: " + redacted(key) + ".", null,
            "invalid_api_key")
        : anthropic(401, "authentication_error", "invalid x-api-key");
  }

  static ApiError modelNotFound(Api api, String model) {
    return api == Api.OPENAI
        ? openAi(404, "invalid_request_error", "The model `" + model + "` does not exist or you do not have access"
            + " to it.", "model", "model_not_found")
        : anthropic(404, "not_found_error", "model: " + model);
  }

  static ApiError notFound(Api api, String what) {
    return api == Api.OPENAI ? openAi(404, "invalid_request_error", what, null, null)
        : anthropic(404, "not_found_error", what);
  }

  static ApiError methodNotAllowed(Api api, String method, String path) {
    String m = "Method " + method + " is not allowed for " + path + ".";
    return api == Api.OPENAI ? openAi(405, "invalid_request_error", m, null, null)
        : anthropic(405, "invalid_request_error", m);
  }

  /** A 429 with Retry-After and the rate-limit headers each API sends. */
  static ApiError rateLimited(Api api, int retryAfterSeconds, String why) {
    ApiError e = api == Api.OPENAI
        ? openAi(429, "requests", "Rate limit reached for requests (" + why + "). Please try again in "
            + retryAfterSeconds + "s.", null, "rate_limit_exceeded")
        : anthropic(429, "rate_limit_error", "Number of requests has exceeded your rate limit (" + why + ")."
            + " Please try again later.");
    return e.withHeaders(RateLimitHeaders.exhausted(api, retryAfterSeconds));
  }

  /** A server-side failure: 500, 503 or (Anthropic) 529 overloaded. */
  static ApiError serverError(Api api, int status) {
    if (api == Api.OPENAI) {
      return status == 503
          ? openAi(503, "server_error", "The server is overloaded or not ready yet.", null, null)
          : openAi(status, "server_error", "The server had an error while processing your request. Sorry about that!",
              null, null);
    }
    return switch (status) {
      case 529 -> anthropic(529, "overloaded_error", "Overloaded");
      case 503 -> anthropic(503, "api_error", "Service unavailable");
      default -> anthropic(status, "api_error", "Internal server error");
    };
  }

  /** The error a {@link Responder} asked for with {@link SimResponse#error(int, Integer)}, in the API's shape. */
  static ApiError scripted(Api api, int status, @Nullable Integer retryAfterSeconds) {
    ApiError e = switch (status) {
      case 400 -> invalid(api, "Scripted bad request.", null, null);
      case 401 -> wrongKey(api, "scripted");
      case 403 -> api == Api.OPENAI ? openAi(403, "invalid_request_error", "Scripted permission error.", null, null)
          : anthropic(403, "permission_error", "Scripted permission error.");
      case 404 -> notFound(api, "Scripted not found.");
      case 413 -> api == Api.OPENAI ? openAi(413, "invalid_request_error", "Request too large.", null, null)
          : anthropic(413, "request_too_large", "Request exceeds the maximum allowed number of bytes.");
      case 429 -> rateLimited(api, retryAfterSeconds == null ? 1 : retryAfterSeconds, "scripted");
      default -> status >= 500 ? serverError(api, status)
          : api == Api.OPENAI ? openAi(status, "invalid_request_error", "Scripted error " + status + ".", null, null)
          : anthropic(status, "api_error", "Scripted error " + status + ".");
    };
    // A scripted 429 without Retry-After stays without it, for tests of clients that must back off on their own.
    if (status == 429 && retryAfterSeconds == null) {
      Map<String, String> h = new LinkedHashMap<>(e.headers());
      h.remove("Retry-After");
      return new ApiError(api, status, e.type(), e.message(), e.param(), e.code(), h);
    }
    if (retryAfterSeconds != null && status != 429) {
      return e.withHeaders(Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
    return e;
  }

  ApiError withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new ApiError(api, status, type, message, param, code, all);
  }

  ObjectNode body() {
    ObjectNode out = Json.object();
    if (api == Api.OPENAI) {
      ObjectNode e = out.putObject("error").put("message", message).put("type", type);
      e.put("param", param);
      e.put("code", code);
    } else {
      out.put("type", "error");
      out.putObject("error").put("type", type).put("message", message);
      out.put("request_id", "req_sim_" + Long.toHexString(System.nanoTime()));
    }
    return out;
  }

  SimHttpResponse response() {
    return SimHttpResponse.json(status, body()).withHeaders(headers);
  }

  /** OpenAI shows the start and end of a wrong key, never all of it. */
  private static String redacted(String key) {
    return key.length() <= 8 ? "****" : key.substring(0, 3) + "*".repeat(4) + key.substring(key.length() - 4);
  }
}
