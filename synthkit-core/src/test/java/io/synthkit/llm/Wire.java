package io.synthkit.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import java.util.List;

/** Bodies shaped exactly as OpenAI and Anthropic send them, for gateway tests against a {@link StubServer}. */
final class Wire {

  private Wire() {}

  /** A chat.completion with one choice per text and the given usage. */
  static StubServer.Reply chat(List<String> texts, long prompt, long completion, long reasoning) {
    ObjectNode out = Json.object().put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "m");
    ArrayNode choices = out.putArray("choices");
    for (int i = 0; i < texts.size(); i++) {
      choices.addObject().put("index", i).put("finish_reason", "stop").putObject("message").put("role", "assistant")
          .put("content", texts.get(i));
    }
    ObjectNode usage = out.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
    return StubServer.Reply.json(200, Json.write(out));
  }

  static StubServer.Reply chat(String text) {
    return chat(List.of(text), 10, 5, 0);
  }

  /** OpenAI's error envelope. */
  static StubServer.Reply openAiError(int status, String message, String param, String code) {
    ObjectNode e = Json.object();
    ObjectNode err = e.putObject("error").put("message", message).put("type", "invalid_request_error");
    if (param == null) {
      err.putNull("param");
    } else {
      err.put("param", param);
    }
    if (code == null) {
      err.putNull("code");
    } else {
      err.put("code", code);
    }
    return StubServer.Reply.json(status, Json.write(e));
  }

  /** What OpenAI's reasoning models say to max_tokens. */
  static StubServer.Reply maxTokensUnsupported() {
    return openAiError(400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use"
        + " 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter");
  }

  /** What OpenAI's reasoning models say to a temperature other than 1. */
  static StubServer.Reply temperatureUnsupported(String value) {
    return openAiError(400, "Unsupported value: 'temperature' does not support " + value + " with this model. Only"
        + " the default (1) value is supported.", "temperature", "unsupported_value");
  }

  /** Anthropic's error envelope. */
  static StubServer.Reply anthropicError(int status, String type, String message) {
    ObjectNode e = Json.object().put("type", "error");
    e.putObject("error").put("type", type).put("message", message);
    e.put("request_id", "req_1");
    return StubServer.Reply.json(status, Json.write(e));
  }

  /** An Anthropic message with one text block. */
  static StubServer.Reply message(String text, long input, long output) {
    ObjectNode out = Json.object().put("id", "msg_1").put("type", "message").put("role", "assistant")
        .put("model", "claude-test").put("stop_reason", "end_turn");
    out.putArray("content").addObject().put("type", "text").put("text", text);
    out.putObject("usage").put("input_tokens", input).put("output_tokens", output);
    return StubServer.Reply.json(200, Json.write(out));
  }

  /** A model config for a stub at {@code url}: OpenAI protocol, key, temperature 0.5, max_tokens 256. */
  static ModelConfig.Builder openAi(String url) {
    return ModelConfig.openAi(url, "gpt-5-mini").apiKey("sk-test").temperature(0.5).maxTokens(256).maxRetries(2)
        .timeoutSeconds(10);
  }
}
