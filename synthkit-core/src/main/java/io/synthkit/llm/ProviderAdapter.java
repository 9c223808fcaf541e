package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
  URI chatUri(@Nullable String baseUrl);

  /**
   * Returns the authentication and protocol headers. Values are secrets and are never logged.
   *
   * @param apiKey the key, possibly {@code null} for local servers
   * @return header name to value
   */
  Map<String, String> headers(@Nullable String apiKey);

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
   * Returns the protocol's name, as adaptations record it.
   *
   * @return {@code openai} or {@code anthropic}
   */
  String api();

  /**
   * Encodes a request body as configured; what the endpoint learned is applied afterwards ({@link ParamRules}).
   *
   * @param request the resolved request
   * @return the JSON body
   */
  ObjectNode body(ChatRequest request);

  /**
   * Asks for the reply as a stream of server-sent events (with usage at the end).
   *
   * @param body the body to change
   */
  void requestStream(ObjectNode body);

  /**
   * Returns a fresh assembler for one streamed reply.
   *
   * @return the assembler
   */
  StreamAssembler assembler();

  /**
   * Decodes a successful response body.
   *
   * @param body the parsed JSON
   * @param request the request it answers (for token estimates when usage is missing)
   * @return the result
   */
  ChatResult parse(JsonNode body, ChatRequest request);

  /**
   * Says why a successful (2xx) body holds no usable answer, before {@link #parse} reads it: such a reply is a failed
   * attempt (retried, never cached), not an empty answer. Servers behind proxies and gateways send these: an empty
   * body, {@code choices: []}, a choice without a message.
   *
   * @param body the parsed JSON (a missing node for an empty body)
   * @return the problem, e.g. {@code a reply without choices}, or {@code null} when the body can be parsed
   */
  @Nullable String problem(@Nullable JsonNode body);

  /**
   * Marks the request's stable prefix for the provider's prompt cache, where the provider needs marks (Anthropic);
   * servers that cache identical prefixes by themselves (OpenAI, vLLM) need nothing.
   *
   * @param body the encoded request, changed in place
   */
  default void markPromptCache(ObjectNode body) {}
}
