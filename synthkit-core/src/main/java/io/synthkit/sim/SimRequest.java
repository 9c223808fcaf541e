package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.ChatMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A chat request as the simulator decoded it, for {@link Responder}s.
 *
 * @param api {@code openai} or {@code anthropic}
 * @param model the requested model id
 * @param messages the conversation (Anthropic's top-level system text becomes a system message)
 * @param schema the schema the reply must follow (the called tool's parameters, response_format, Anthropic's
 *     output_config, or a schema written in the prompt), or {@code null}
 * @param n how many replies were asked for
 * @param temperature the requested temperature, or {@code null}
 * @param callKey synthkit's sample key header, or an empty string
 * @param body the raw request body
 */
public record SimRequest(String api, String model, List<ChatMessage> messages, @Nullable ObjectNode schema,
    int n, @Nullable Double temperature, String callKey, JsonNode body) {

  /**
   * Returns the last user message.
   *
   * @return its text, or an empty string
   */
  public String lastUser() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == io.synthkit.spi.ChatMessage.Role.USER) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /**
   * Returns every message's text joined, for "does the prompt mention X" checks.
   *
   * @return the whole conversation text
   */
  public String allText() {
    StringBuilder sb = new StringBuilder();
    messages.forEach(m -> sb.append(m.content()).append('\n'));
    return sb.toString();
  }
}
