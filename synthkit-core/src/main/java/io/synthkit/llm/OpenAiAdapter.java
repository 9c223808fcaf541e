package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The OpenAI Chat Completions protocol, which most self-hosted servers speak too. */
final class OpenAiAdapter implements ProviderAdapter {

  static final String DEFAULT_BASE = "https://api.openai.com/v1";

  @Override
  public URI chatUri(@Nullable String baseUrl) {
    String base = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE : baseUrl.strip();
    return URI.create(stripSlash(base) + "/chat/completions");
  }

  @Override
  public Map<String, String> headers(@Nullable String apiKey) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    if (apiKey != null && !apiKey.isBlank()) {
      h.put("Authorization", "Bearer " + apiKey.strip());
    }
    return h;
  }

  @Override
  public StructuredMode resolve(StructuredMode requested) {
    return requested == StructuredMode.AUTO ? StructuredMode.JSON_SCHEMA : requested;
  }

  @Override
  public boolean supportsN() {
    return true;
  }

  @Override
  public String api() {
    return "openai";
  }

  @Override
  public void requestStream(ObjectNode body) {
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
  }

  @Override
  public StreamAssembler assembler() {
    return new OpenAiStream();
  }

  @Override
  public ObjectNode body(ChatRequest req) {
    ObjectNode body = Json.object();
    body.put("model", req.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : req.prompt().messages()) {
      messages.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    Sampling s = req.sampling();
    if (s.temperature() != null) {
      body.put("temperature", s.temperature());
    }
    if (s.topP() != null) {
      body.put("top_p", s.topP());
    }
    if (s.maxTokens() != null) {
      body.put("max_tokens", s.maxTokens());
    }
    if (s.seed() != null) {
      body.put("seed", s.seed());
    }
    if (s.stop() != null && !s.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      s.stop().forEach(stop::add);
    }
    if (req.n() > 1) {
      body.put("n", req.n());
    }
    if (req.reasoningEffort() != null) {
      body.put("reasoning_effort", req.reasoningEffort());
    }
    Schema schema = req.schema();
    if (schema != null) {
      addStructured(body, req, schema);
    }
    req.extraBody().forEach((k, v) -> body.set(k, Json.tree(v)));
    return body;
  }

  private static void addStructured(ObjectNode body, ChatRequest req, Schema schema) {
    switch (req.mode()) {
      case JSON_SCHEMA -> {
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        format.putObject("json_schema").put("name", schema.name()).put("strict", true).set("schema", schema.json());
      }
      case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
      case TOOL -> {
        ObjectNode fn = body.putArray("tools").addObject().put("type", "function").putObject("function");
        fn.put("name", schema.name()).put("description", "Return the result in this structure.")
            .put("strict", true).set("parameters", schema.json());
        body.putObject("tool_choice").put("type", "function").putObject("function").put("name", schema.name());
      }
      case PROMPT, AUTO -> { }
    }
  }

  @Override
  public @Nullable String problem(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      return body == null || body.isMissingNode() ? "an empty body" : "a body that is not a chat completion";
    }
    JsonNode choices = body.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return "a reply without choices";
    }
    for (JsonNode c : choices) {
      JsonNode message = c.path("message");
      if (!message.isObject()) {
        return "a choice without a message";
      }
      boolean tools = message.path("tool_calls").isArray() && !message.path("tool_calls").isEmpty();
      // A refusal, a filtered or a cut-off reply is an answer (the method judges it, and asking again would only pay
      // for the same outcome); a message with neither text nor a tool call nor such a reason is not.
      String finish = c.path("finish_reason").asText("");
      boolean explained = message.path("refusal").isTextual() || finish.equals("content_filter")
          || finish.equals("length");
      if (!message.path("content").isTextual() && !tools && !explained) {
        return "a choice without an answer";
      }
    }
    return null;
  }

  @Override
  public ChatResult parse(JsonNode body, ChatRequest req) {
    List<Choice> choices = new ArrayList<>();
    StringBuilder all = new StringBuilder();
    for (JsonNode c : body.path("choices")) {
      JsonNode message = c.path("message");
      String text = message.path("content").isTextual() ? message.path("content").asText() : "";
      JsonNode calls = message.path("tool_calls");
      if (calls.isArray() && !calls.isEmpty()) {
        text = calls.get(0).path("function").path("arguments").asText("");
      }
      choices.add(new Choice(text, c.path("finish_reason").asText("stop")));
      all.append(text);
    }
    JsonNode u = body.path("usage");
    TokenUsage usage = u.has("prompt_tokens")
        ? new TokenUsage(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
            u.path("completion_tokens_details").path("reasoning_tokens").asLong(0), false,
            u.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0)
        : new TokenUsage(Tokens.count(req.prompt()), Tokens.count(all.toString()), true);
    return new ChatResult(body.path("model").asText(req.model()), choices, usage, false);
  }

  static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
