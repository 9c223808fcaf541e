package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes a {@link Completion} as an Anthropic {@code message}, or as the event stream Anthropic sends for
 * {@code stream: true}: {@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta}s
 * ({@code text_delta}, or {@code input_json_delta} for a {@code tool_use} block), {@code content_block_stop},
 * {@code message_delta} (stop_reason and the output tokens) and {@code message_stop}.
 *
 * <p>A tool call whose arguments are not a JSON object (a scripted reply, or a content fault) is sent as a text block:
 * Anthropic's {@code tool_use.input} is always an object, so such text can only reach a client as text. Stateless.
 */
final class AnthropicWire {

  private AnthropicWire() {}

  static ObjectNode message(Completion c) {
    Completion.Choice ch = c.choices().get(0);
    ObjectNode out = head(c);
    JsonNode input = toolInput(ch);
    ArrayNode content = (ArrayNode) out.get("content");
    if (input != null) {
      content.add(toolBlock(c, ch).set("input", input));
    } else {
      content.addObject().put("type", "text").put("text", ch.text());
    }
    out.put("stop_reason", stopReason(ch, input != null));
    out.putNull("stop_sequence");
    out.set("usage", usage(c, ch.completionTokens()));
    return out;
  }

  static List<String> events(Completion c) {
    Completion.Choice ch = c.choices().get(0);
    JsonNode input = toolInput(ch);
    List<String> events = new ArrayList<>();
    ObjectNode start = head(c);
    start.putNull("stop_reason");
    start.putNull("stop_sequence");
    start.set("usage", usage(c, 1));
    events.add(Sse.event("message_start", Json.object().put("type", "message_start").set("message", start)));
    ObjectNode block = input != null ? toolBlock(c, ch).set("input", Json.object())
        : Json.object().put("type", "text").put("text", "");
    events.add(Sse.event("content_block_start", Json.object().put("type", "content_block_start").put("index", 0)
        .set("content_block", block)));
    events.add(Sse.event("ping", Json.object().put("type", "ping")));
    List<String> pieces = new ArrayList<>();
    if (input != null) {
      pieces.add(""); // Anthropic opens a tool_use block with an empty partial_json
    }
    pieces.addAll(Sse.pieces(input != null ? Json.write(input) : ch.text()));
    for (String piece : pieces) {
      ObjectNode delta = input != null ? Json.object().put("type", "input_json_delta").put("partial_json", piece)
          : Json.object().put("type", "text_delta").put("text", piece);
      events.add(Sse.event("content_block_delta", Json.object().put("type", "content_block_delta").put("index", 0)
          .set("delta", delta)));
    }
    events.add(Sse.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0)));
    ObjectNode md = Json.object().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", stopReason(ch, input != null)).putNull("stop_sequence");
    md.putObject("usage").put("output_tokens", ch.completionTokens());
    events.add(Sse.event("message_delta", md));
    events.add(Sse.event("message_stop", Json.object().put("type", "message_stop")));
    return events;
  }

  private static ObjectNode head(Completion c) {
    ObjectNode out = Json.object().put("id", "msg_sim_" + c.seq()).put("type", "message").put("role", "assistant")
        .put("model", c.model());
    out.putArray("content");
    return out;
  }

  private static ObjectNode toolBlock(Completion c, Completion.Choice ch) {
    ObjectNode block = Json.object().put("type", "tool_use").put("id", "toolu_sim_" + c.seq())
        .put("name", Objects.requireNonNull(ch.tool(), "a tool_use block without a tool call").name());
    block.putObject("caller").put("type", "direct");
    return block;
  }

  /** Anthropic's input_tokens counts only what was neither read from nor written to the cache. */
  private static ObjectNode usage(Completion c, long output) {
    long read = c.cache().read();
    long written = c.cache().written();
    ObjectNode usage = Json.object().put("input_tokens", c.promptTokens() - read - written)
        .put("cache_creation_input_tokens", written).put("cache_read_input_tokens", read);
    usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", written).put("ephemeral_1h_input_tokens", 0);
    return usage.put("output_tokens", output).put("service_tier", "standard");
  }

  /** The tool call's arguments as an object, or {@code null} when this choice is (or must be sent as) text. */
  private static @Nullable JsonNode toolInput(Completion.Choice ch) {
    if (ch.tool() == null || ch.finish() == Completion.Finish.LENGTH) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(ch.text());
      return n != null && n.isObject() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String stopReason(Completion.Choice ch, boolean toolUse) {
    if (ch.finish() == Completion.Finish.LENGTH) {
      return "max_tokens";
    }
    return toolUse ? "tool_use" : "end_turn";
  }
}
