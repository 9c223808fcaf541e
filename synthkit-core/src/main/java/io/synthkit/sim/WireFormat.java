package io.synthkit.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.embed.HashingEmbedder;
import io.synthkit.json.Json;
import io.synthkit.llm.Tokens;
import java.util.List;

/** Encodes simulator replies in the OpenAI and Anthropic wire formats, with realistic ids and usage fields. */
final class WireFormat {

  /** The simulator's embeddings are lexical (texts sharing words are close), which is what tests need. */
  private static final HashingEmbedder LEXICAL = new HashingEmbedder();

  private WireFormat() {}

  static ObjectNode openAi(SimRequest req, List<String> texts, List<String> finishes, boolean tool, long promptTokens,
      long completionTokens, long seq) {
    ObjectNode out = Json.object();
    out.put("id", "chatcmpl-sim-" + seq).put("object", "chat.completion").put("created", 1_700_000_000L + seq)
        .put("model", req.model().isEmpty() ? "synthkit-simulator" : req.model())
        .put("system_fingerprint", "synthkit-simulator");
    ArrayNode choices = out.putArray("choices");
    for (int i = 0; i < texts.size(); i++) {
      ObjectNode c = choices.addObject();
      c.put("index", i);
      ObjectNode m = c.putObject("message").put("role", "assistant");
      if (tool) {
        m.putNull("content");
        ObjectNode call = m.putArray("tool_calls").addObject().put("id", "call_sim_" + seq + "_" + i)
            .put("type", "function");
        String name = req.body().path("tool_choice").path("function").path("name").asText("result");
        call.putObject("function").put("name", name).put("arguments", texts.get(i));
        c.put("finish_reason", "length".equals(finishes.get(i)) ? "length" : "tool_calls");
      } else {
        m.put("content", texts.get(i));
        c.put("finish_reason", finishes.get(i));
      }
    }
    out.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return out;
  }

  static ObjectNode anthropic(SimRequest req, String text, String finish, boolean tool, long promptTokens,
      long completionTokens, long seq) {
    ObjectNode out = Json.object();
    out.put("id", "msg_sim_" + seq).put("type", "message").put("role", "assistant")
        .put("model", req.model().isEmpty() ? "synthkit-simulator" : req.model());
    ArrayNode content = out.putArray("content");
    boolean cut = "length".equals(finish);
    if (tool && !cut) {
      ObjectNode block = content.addObject().put("type", "tool_use").put("id", "toolu_sim_" + seq)
          .put("name", req.body().path("tool_choice").path("name").asText("result"));
      block.set("input", Json.parse(text));
      out.put("stop_reason", "tool_use");
    } else {
      content.addObject().put("type", "text").put("text", text);
      out.put("stop_reason", cut ? "max_tokens" : "end_turn");
    }
    out.putNull("stop_sequence");
    out.putObject("usage").put("input_tokens", promptTokens).put("output_tokens", completionTokens);
    return out;
  }

  static ObjectNode embeddings(List<String> inputs, String model) {
    ObjectNode out = Json.object().put("object", "list").put("model", model);
    ArrayNode data = out.putArray("data");
    long tokens = 0;
    List<float[]> vectors = LEXICAL.embed(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      ObjectNode row = data.addObject().put("object", "embedding").put("index", i);
      ArrayNode v = row.putArray("embedding");
      for (float f : vectors.get(i)) {
        v.add(f);
      }
      tokens += Tokens.count(inputs.get(i));
    }
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }

}
