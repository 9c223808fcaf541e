package io.synthkit.sim;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the API key like the real APIs: OpenAI reads {@code Authorization: Bearer KEY}; Anthropic reads
 * {@code x-api-key} or, as anthropic-java 3.x sends a key, {@code Authorization: Bearer KEY}. Without a key list any
 * non-empty key is accepted and a missing key is a 401 (unless the profile needs none, like Ollama's); an empty key
 * list means an open server that needs no key at all (vLLM started without {@code --api-key}); otherwise only the
 * listed keys are accepted. Stateless and thread-safe.
 */
final class Auth {

  private final @Nullable List<String> accepted;

  /**
   * @param accepted the only keys accepted, empty for an open server, or {@code null} for any non-empty key
   */
  Auth(@Nullable List<String> accepted) {
    this.accepted = accepted;
  }

  /**
   * Checks a request's key.
   *
   * @param api which header to read
   * @param req the request
   * @param keyRequired false when the profile serves anyone (Ollama)
   * @return the 401 to send, or {@code null} when the request may proceed
   */
  @Nullable ApiError check(Api api, SimHttpRequest req, boolean keyRequired) {
    if (accepted != null && accepted.isEmpty()) {
      return null;
    }
    String key = key(api, req);
    if (key == null || key.isBlank()) {
      return keyRequired ? ApiError.missingKey(api) : null;
    }
    if (accepted != null && !accepted.contains(key)) {
      return ApiError.wrongKey(api, key);
    }
    return null;
  }

  private static @Nullable String key(Api api, SimHttpRequest req) {
    if (api == Api.ANTHROPIC && req.header("x-api-key") != null) {
      return req.header("x-api-key");
    }
    String auth = req.header("Authorization");
    if (auth == null) {
      return null;
    }
    return auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : "";
  }
}
