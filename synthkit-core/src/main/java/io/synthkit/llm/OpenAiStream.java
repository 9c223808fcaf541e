package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles a Chat Completions stream: {@code chat.completion.chunk}s whose deltas carry each choice's text and tool
 * calls (arguments arrive in pieces, by tool index), a finish reason per choice, a final chunk with {@code usage}
 * (asked for with {@code stream_options.include_usage}), and {@code [DONE]}.
 */
final class OpenAiStream implements StreamAssembler {

  private static final class Tool {
    @Nullable String id;
    @Nullable String name;
    final StringBuilder arguments = new StringBuilder();
  }

  private static final class Parts {
    final StringBuilder content = new StringBuilder();
    boolean hasContent;
    final Map<Integer, Tool> tools = new TreeMap<>();
    @Nullable String finish;
  }

  private final Map<Integer, Parts> choices = new TreeMap<>();
  private String model = "";
  private @Nullable JsonNode usage;
  private boolean done;
  private @Nullable String problem;
  private boolean overloaded;

  @Override
  public boolean event(String type, String data) {
    if (data.strip().equals("[DONE]")) {
      done = true;
      return false;
    }
    JsonNode chunk;
    try {
      chunk = Json.parse(data);
    } catch (RuntimeException e) {
      problem = "a stream chunk is not JSON";
      return false;
    }
    if (chunk.has("error")) {
      JsonNode e = chunk.path("error");
      problem = "stream error: " + e.path("message").asText(e.asText());
      overloaded = e.path("type").asText().contains("overloaded") || e.path("code").asText().contains("rate_limit");
      return false;
    }
    model = chunk.path("model").asText(model);
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    for (JsonNode c : chunk.path("choices")) {
      Parts p = choices.computeIfAbsent(c.path("index").asInt(0), i -> new Parts());
      JsonNode delta = c.path("delta");
      if (delta.path("content").isTextual()) {
        p.content.append(delta.get("content").asText());
        p.hasContent = true;
      }
      for (JsonNode call : delta.path("tool_calls")) {
        Tool t = p.tools.computeIfAbsent(call.path("index").asInt(0), i -> new Tool());
        t.id = call.path("id").asText(t.id);
        t.name = call.path("function").path("name").asText(t.name);
        t.arguments.append(call.path("function").path("arguments").asText(""));
      }
      if (c.path("finish_reason").isTextual()) {
        p.finish = c.get("finish_reason").asText();
      }
    }
    return true;
  }

  @Override
  public JsonNode body() {
    ObjectNode out = Json.object().put("object", "chat.completion").put("model", model);
    ArrayNode list = out.putArray("choices");
    choices.forEach((index, p) -> {
      ObjectNode c = list.addObject().put("index", index);
      ObjectNode m = c.putObject("message").put("role", "assistant");
      if (p.hasContent || p.tools.isEmpty()) {
        m.put("content", p.content.toString());
      } else {
        m.putNull("content");
      }
      if (!p.tools.isEmpty()) {
        ArrayNode calls = m.putArray("tool_calls");
        p.tools.values().forEach(t -> calls.addObject().put("id", t.id).put("type", "function")
            .putObject("function").put("name", t.name).put("arguments", t.arguments.toString()));
      }
      c.put("finish_reason", p.finish == null ? "stop" : p.finish);
    });
    if (usage != null) {
      out.set("usage", usage);
    }
    return out;
  }

  @Override
  public @Nullable String problem() {
    return problem != null ? problem : done ? null : "the stream ended before [DONE]";
  }

  @Override
  public boolean overloaded() {
    return overloaded;
  }
}
