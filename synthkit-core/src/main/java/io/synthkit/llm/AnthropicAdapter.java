package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ChatMessage.Role;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Sampling;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Anthropic Messages API. Structured output goes through a single forced tool whose {@code input_schema} is the
 * schema; Anthropic has no {@code n}, so the gateway samples several replies with separate calls.
 */
final class AnthropicAdapter implements ProviderAdapter {

  static final String DEFAULT_BASE = "https://api.anthropic.com";
  static final String VERSION = "2023-06-01";
  /** The Messages API requires max_tokens; this is used when neither the call nor the role sets one. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  @Override
  public URI chatUri(@Nullable String baseUrl) {
    String base = OpenAiAdapter.stripSlash(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE : baseUrl.strip());
    return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
  }

  @Override
  public Map<String, String> headers(@Nullable String apiKey) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    h.put("anthropic-version", VERSION);
    if (apiKey != null && !apiKey.isBlank()) {
      h.put("x-api-key", apiKey.strip());
    }
    return h;
  }

  @Override
  public StructuredMode resolve(StructuredMode requested) {
    return switch (requested) {
      case AUTO, JSON_SCHEMA, TOOL -> StructuredMode.TOOL;
      case JSON_OBJECT, PROMPT -> StructuredMode.PROMPT;
    };
  }

  @Override
  public boolean supportsN() {
    return false;
  }

  @Override
  public String api() {
    return "anthropic";
  }

  @Override
  public void requestStream(ObjectNode body) {
    body.put("stream", true);
  }

  @Override
  public StreamAssembler assembler() {
    return new AnthropicStream();
  }

  @Override
  public ObjectNode body(ChatRequest req) {
    ObjectNode body = Json.object();
    body.put("model", req.model());
    Sampling s = req.sampling();
    body.put("max_tokens", s.maxTokens() != null ? s.maxTokens() : DEFAULT_MAX_TOKENS);
    String system = req.prompt().systemText();
    if (!system.isEmpty()) {
      body.put("system", system);
    }
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : req.prompt().messages()) {
      if (m.role() != Role.SYSTEM) {
        messages.addObject().put("role", m.role().wire()).put("content", m.content());
      }
    }
    if (s.temperature() != null) {
      body.put("temperature", Math.min(1.0, s.temperature()));
    }
    // Recent Claude models reject temperature and top_p together; temperature wins when both are set.
    if (s.topP() != null && s.temperature() == null) {
      body.put("top_p", s.topP());
    }
    if (s.stop() != null && !s.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      s.stop().forEach(stop::add);
    }
    if (req.schema() != null && req.mode() == StructuredMode.TOOL) {
      ObjectNode tool = body.putArray("tools").addObject();
      tool.put("name", req.schema().name()).put("description", "Return the result in this structure.")
          .set("input_schema", req.schema().json());
      body.putObject("tool_choice").put("type", "tool").put("name", req.schema().name());
    }
    req.extraBody().forEach((k, v) -> body.set(k, Json.tree(v)));
    return body;
  }

  /**
   * Puts {@code cache_control: {type: ephemeral}} breakpoints on the system prompt (which, with the forced tool before
   * it, is the stable prefix every call of a role shares) and on the last message before the final user message
   * (few-shot turns and earlier dialogue, which repeat across the calls of one item or dialogue). Anthropic caches
   * only marked prefixes; a prefix shorter than the model's minimum is simply not cached, at no charge.
   */
  @Override
  public void markPromptCache(ObjectNode body) {
    JsonNode system = body.get("system");
    if (system != null && system.isTextual()) {
      ArrayNode blocks = Json.MAPPER.createArrayNode();
      ephemeral(blocks.addObject().put("type", "text").put("text", system.asText()));
      body.set("system", blocks);
    }
    JsonNode messages = body.path("messages");
    if (messages.size() >= 2) {
      ObjectNode stable = (ObjectNode) messages.get(messages.size() - 2);
      JsonNode content = stable.get("content");
      if (content != null && content.isTextual() && !content.asText().isEmpty()) {
        ArrayNode blocks = stable.putArray("content");
        ephemeral(blocks.addObject().put("type", "text").put("text", content.asText()));
      }
    }
  }

  private static void ephemeral(ObjectNode block) {
    block.putObject("cache_control").put("type", "ephemeral");
  }

  @Override
  public @Nullable String problem(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      return body == null || body.isMissingNode() ? "an empty body" : "a body that is not a message";
    }
    return body.path("content").isArray() ? null : "a reply without content";
  }

  @Override
  public ChatResult parse(JsonNode body, ChatRequest req) {
    StringBuilder text = new StringBuilder();
    String toolInput = null;
    for (JsonNode block : body.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "tool_use" -> toolInput = Json.write(block.path("input"));
        default -> { }
      }
    }
    String stop = body.path("stop_reason").asText("end_turn");
    String finish = switch (stop) {
      case "max_tokens" -> "length";
      case "tool_use" -> "tool_calls";
      case "end_turn", "stop_sequence" -> "stop";
      default -> stop;
    };
    String reply = toolInput != null ? toolInput : text.toString();
    JsonNode u = body.path("usage");
    TokenUsage usage = u.has("input_tokens")
        ? anthropicUsage(u)
        : new TokenUsage(Tokens.count(req.prompt()), Tokens.count(reply), true);
    return new ChatResult(body.path("model").asText(req.model()), List.of(new Choice(reply, finish)), usage, false);
  }

  /** Anthropic's input_tokens excludes cache reads and writes; synthkit's prompt tokens include both. */
  private static TokenUsage anthropicUsage(JsonNode u) {
    long read = u.path("cache_read_input_tokens").asLong(0);
    long written = u.path("cache_creation_input_tokens").asLong(0);
    return new TokenUsage(u.path("input_tokens").asLong() + read + written, u.path("output_tokens").asLong(), 0, false,
        read, written);
  }
}
