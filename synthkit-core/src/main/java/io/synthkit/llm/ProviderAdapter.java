package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;

/**
 * Encodes requests for and decodes responses from one wire protocol. Two implementations: {@link OpenAiAdapter}
 * (Chat Completions, spoken by OpenAI, vLLM, Ollama, llama.cpp, LM Studio, SGLang and the simulator) and
 * {@link AnthropicAdapter} (Messages API). Stateless and thread-safe.
 */
interface ProviderAdapter {

  /**
   * Returns the URL chat requests go to.
   *
   * @param baseUrl the configured base URL, or {@code null} for the provider's public API
   * @return the endpoint URI
   */
  URI chatUri(String baseUrl);

  /**
   * Returns the authentication and protocol headers. Values are secrets and are never logged.
   *
   * @param apiKey the key, possibly {@code null} for local servers
   * @return header name to value
   */
  Map<String, String> headers(String apiKey);

  /**
   * Returns the mode {@link StructuredMode#AUTO} means for this protocol, and maps unsupported modes to supported ones.
   *
   * @param requested the configured mode
   * @return a concrete mode
   */
  StructuredMode resolve(StructuredMode requested);

  /**
   * Tells whether one request can return several samples ({@code n}).
   *
   * @return true for OpenAI-compatible servers
   */
  boolean supportsN();

  /**
   * Encodes a request body.
   *
   * @param request the resolved request
   * @param useMaxCompletionTokens send {@code max_completion_tokens} instead of {@code max_tokens} (newer OpenAI models)
   * @return the JSON body
   */
  ObjectNode body(ChatRequest request, boolean useMaxCompletionTokens);

  /**
   * Decodes a successful response body.
   *
   * @param body the parsed JSON
   * @param request the request it answers (for token estimates when usage is missing)
   * @return the result
   */
  ChatResult parse(JsonNode body, ChatRequest request);
}
