package io.synthkit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Assembles a Messages stream: {@code message_start} (model and input tokens), {@code content_block_start} /
 * {@code content_block_delta} ({@code text_delta}, {@code input_json_delta} for tool input) / {@code content_block_stop}
 * per block, {@code message_delta} (stop reason and output tokens), {@code message_stop}; {@code ping} is skipped and
 * an {@code error} event ends the stream.
 */
final class AnthropicStream implements StreamAssembler {

  private static final class Block {
    @Nullable String type;
    @Nullable String id;
    @Nullable String name;
    final StringBuilder text = new StringBuilder();
  }

  private final Map<Integer, Block> blocks = new TreeMap<>();
  private final ObjectNode usage = Json.object();
  private String model = "";
  private @Nullable String stopReason;
  private boolean done;
  private @Nullable String problem;
  private boolean overloaded;

  @Override
  public boolean event(String type, String data) {
    JsonNode e;
    try {
      e = Json.parse(data);
    } catch (RuntimeException notJson) {
      problem = "a stream event is not JSON";
      return false;
    }
    switch (e.path("type").asText(type)) {
      case "message_start" -> {
        JsonNode m = e.path("message");
        model = m.path("model").asText(model);
        if (m.path("usage").isObject()) {
          usage.setAll((ObjectNode) m.get("usage"));
        }
      }
      case "content_block_start" -> {
        JsonNode cb = e.path("content_block");
        Block b = blocks.computeIfAbsent(e.path("index").asInt(0), i -> new Block());
        b.type = cb.path("type").asText("text");
        b.id = cb.path("id").asText(null);
        b.name = cb.path("name").asText(null);
        b.text.append(cb.path("text").asText(""));
      }
      case "content_block_delta" -> {
        JsonNode d = e.path("delta");
        Block b = blocks.computeIfAbsent(e.path("index").asInt(0), i -> new Block());
        switch (d.path("type").asText()) {
          case "text_delta" -> b.text.append(d.path("text").asText(""));
          case "input_json_delta" -> b.text.append(d.path("partial_json").asText(""));
          default -> { } // thinking and signature deltas are not part of the reply
        }
      }
      case "message_delta" -> {
        if (e.path("delta").path("stop_reason").isTextual()) {
          stopReason = e.path("delta").path("stop_reason").asText();
        }
        if (e.path("usage").isObject()) {
          usage.setAll((ObjectNode) e.get("usage"));
        }
      }
      case "message_stop" -> {
        done = true;
        return false;
      }
      case "error" -> {
        JsonNode err = e.path("error");
        problem = "stream error: " + err.path("type").asText("error") + ": " + err.path("message").asText("");
        overloaded = err.path("type").asText().equals("overloaded_error");
        return false;
      }
      default -> { } // ping, content_block_stop
    }
    return true;
  }

  @Override
  public JsonNode body() {
    ObjectNode out = Json.object().put("type", "message").put("role", "assistant").put("model", model);
    ArrayNode content = out.putArray("content");
    for (Block b : blocks.values()) {
      if ("tool_use".equals(b.type)) {
        JsonNode input = parsed(b.text.toString());
        if (input != null) {
          content.addObject().put("type", "tool_use").put("id", b.id).put("name", b.name).set("input", input);
          continue;
        }
        // Tool input cut off mid-JSON (max_tokens): keep the text so the reply reads as truncated.
        content.addObject().put("type", "text").put("text", b.text.toString());
      } else if ("text".equals(b.type)) {
        content.addObject().put("type", "text").put("text", b.text.toString());
      }
    }
    out.put("stop_reason", stopReason == null ? "end_turn" : stopReason);
    out.set("usage", usage);
    return out;
  }

  private static @Nullable JsonNode parsed(String json) {
    try {
      return Json.parse(json.isBlank() ? "{}" : json);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public @Nullable String problem() {
    return problem != null ? problem : done ? null : "the stream ended before message_stop";
  }

  @Override
  public boolean overloaded() {
    return overloaded;
  }
}
