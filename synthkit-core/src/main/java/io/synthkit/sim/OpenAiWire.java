package io.synthkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a {@link Completion} as an OpenAI {@code chat.completion}, or as the {@code chat.completion.chunk} stream
 * OpenAI sends for {@code stream: true}: per choice a role delta, content (or tool-call) deltas and a finish_reason
 * chunk; then, with {@code stream_options.include_usage}, a final chunk with no choices and the usage (every earlier
 * chunk then carries {@code "usage": null}); then {@code data: [DONE]}. Stateless.
 */
final class OpenAiWire {

  private OpenAiWire() {}

  static ObjectNode completion(Completion c) {
    ObjectNode out = head(c, "chat.completion");
    ArrayNode choices = out.putArray("choices");
    for (int i = 0; i < c.choices().size(); i++) {
      Completion.Choice ch = c.choices().get(i);
      ObjectNode choice = choices.addObject().put("index", i);
      ObjectNode m = choice.putObject("message").put("role", "assistant");
      if (ch.tool() != null) {
        m.putNull("content");
        m.putNull("refusal");
        ObjectNode call = m.putArray("tool_calls").addObject().put("id", callId(c, i)).put("type", "function");
        call.putObject("function").put("name", ch.tool().name()).put("arguments", ch.text());
      } else {
        m.put("content", ch.text());
        m.putNull("refusal");
      }
      m.putArray("annotations");
      choice.putNull("logprobs");
      choice.put("finish_reason", finish(ch));
    }
    out.set("usage", usage(c));
    return out;
  }

  static List<String> chunks(Completion c, boolean includeUsage) {
    List<String> events = new ArrayList<>();
    List<List<String>> pieces = new ArrayList<>();
    for (int i = 0; i < c.choices().size(); i++) {
      Completion.Choice ch = c.choices().get(i);
      ObjectNode first = delta(c, i, includeUsage);
      ObjectNode d = (ObjectNode) first.path("choices").get(0).get("delta");
      d.put("role", "assistant");
      if (ch.tool() == null) {
        d.put("content", "");
        d.putNull("refusal");
      } else {
        d.putNull("content");
        ObjectNode call = d.putArray("tool_calls").addObject().put("index", 0).put("id", callId(c, i))
            .put("type", "function");
        call.putObject("function").put("name", ch.tool().name()).put("arguments", "");
      }
      events.add(Sse.data(first));
      pieces.add(Sse.pieces(ch.text()));
    }
    // Like OpenAI, choices' deltas interleave, and every finish_reason comes after all of them (the SDKs'
    // accumulators rely on that to know when a completion is whole).
    int longest = pieces.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      for (int i = 0; i < pieces.size(); i++) {
        if (k < pieces.get(i).size()) {
          events.add(Sse.data(piece(c, i, includeUsage, pieces.get(i).get(k))));
        }
      }
    }
    for (int i = 0; i < c.choices().size(); i++) {
      ObjectNode last = delta(c, i, includeUsage);
      ((ObjectNode) last.path("choices").get(0)).put("finish_reason", finish(c.choices().get(i)));
      events.add(Sse.data(last));
    }
    if (includeUsage) {
      ObjectNode usage = head(c, "chat.completion.chunk");
      usage.putArray("choices");
      usage.set("usage", usage(c));
      events.add(Sse.data(usage));
    }
    events.add(Sse.done());
    return events;
  }

  private static ObjectNode piece(Completion c, int i, boolean includeUsage, String text) {
    ObjectNode chunk = delta(c, i, includeUsage);
    ObjectNode d = (ObjectNode) chunk.path("choices").get(0).get("delta");
    if (c.choices().get(i).tool() == null) {
      d.put("content", text);
    } else {
      d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", text);
    }
    return chunk;
  }

  private static ObjectNode delta(Completion c, int index, boolean includeUsage) {
    ObjectNode chunk = head(c, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    if (includeUsage) {
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode head(Completion c, String object) {
    return Json.object().put("id", "chatcmpl-sim-" + c.seq()).put("object", object)
        .put("created", 1_700_000_000L + c.seq()).put("model", c.model()).put("service_tier", "default")
        .put("system_fingerprint", "fp_synthkit_sim");
  }

  private static ObjectNode usage(Completion c) {
    ObjectNode u = Json.object().put("prompt_tokens", c.promptTokens()).put("completion_tokens", c.completionTokens())
        .put("total_tokens", c.promptTokens() + c.completionTokens());
    u.putObject("prompt_tokens_details").put("cached_tokens", c.cache().read()).put("audio_tokens", 0);
    u.putObject("completion_tokens_details").put("reasoning_tokens", c.reasoningTokens()).put("audio_tokens", 0)
        .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
    return u;
  }

  /** A function named by tool_choice ends with "stop", as OpenAI reports it; a chosen one with "tool_calls". */
  private static String finish(Completion.Choice ch) {
    return switch (ch.finish()) {
      case LENGTH -> "length";
      case TOOL -> Objects.requireNonNull(ch.tool(), "finish TOOL without a tool call").forced() ? "stop"
          : "tool_calls";
      case STOP -> "stop";
    };
  }

  private static String callId(Completion c, int choice) {
    return "call_sim_" + c.seq() + "_" + choice;
  }
}
