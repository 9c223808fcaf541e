package io.synthkit.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.Optional;

/**
 * Builds one output line per format. Each shape follows the format's published documentation: OpenAI chat fine-tuning
 * ({@code messages} with roles system/user/assistant), Alpaca ({@code instruction/input/output}), ShareGPT
 * ({@code conversations} with {@code from} system/human/gpt and {@code value}), TRL's standard preference format
 * ({@code prompt/chosen/rejected} strings) and OpenAI preference fine-tuning ({@code input.messages},
 * {@code preferred_output}, {@code non_preferred_output}, each output a list holding one assistant message).
 */
final class Shapes {

  private Shapes() {}

  /**
   * Renders a row.
   *
   * @return the line, or empty when the row lacks a role the format needs
   */
  static Optional<ObjectNode> render(ExportFormat format, ExampleRow row) {
    for (Role role : format.required()) {
      String v = row.get(role);
      if (v == null || v.isBlank()) {
        return Optional.empty();
      }
    }
    return Optional.of(switch (format) {
      case JSONL, PARQUET -> row.data();
      case OPENAI_CHAT -> openAiChat(row);
      case ALPACA -> alpaca(row);
      case SHAREGPT -> shareGpt(row);
      case DPO -> Json.object().put("prompt", row.promptWithInput()).put("chosen", row.require(Role.CHOSEN))
          .put("rejected", row.require(Role.REJECTED));
      case OPENAI_DPO -> openAiDpo(row);
    });
  }

  private static ObjectNode openAiChat(ExampleRow row) {
    ObjectNode out = Json.object();
    ArrayNode messages = out.putArray("messages");
    system(messages, row, "role", "content", "system");
    messages.addObject().put("role", "user").put("content", row.promptWithInput());
    messages.addObject().put("role", "assistant").put("content", row.require(Role.RESPONSE));
    return out;
  }

  private static ObjectNode alpaca(ExampleRow row) {
    ObjectNode out = Json.object().put("instruction", row.require(Role.PROMPT))
        .put("input", row.get(Role.INPUT) == null ? "" : row.get(Role.INPUT)).put("output", row.require(Role.RESPONSE));
    if (row.get(Role.SYSTEM) != null) {
      out.put("system", row.get(Role.SYSTEM));
    }
    return out;
  }

  private static ObjectNode shareGpt(ExampleRow row) {
    ObjectNode out = Json.object();
    ArrayNode turns = out.putArray("conversations");
    system(turns, row, "from", "value", "system");
    turns.addObject().put("from", "human").put("value", row.promptWithInput());
    turns.addObject().put("from", "gpt").put("value", row.require(Role.RESPONSE));
    return out;
  }

  private static ObjectNode openAiDpo(ExampleRow row) {
    ObjectNode out = Json.object();
    ArrayNode messages = out.putObject("input").putArray("messages");
    system(messages, row, "role", "content", "system");
    messages.addObject().put("role", "user").put("content", row.promptWithInput());
    out.putArray("preferred_output").addObject().put("role", "assistant").put("content", row.require(Role.CHOSEN));
    out.putArray("non_preferred_output").addObject().put("role", "assistant").put("content", row.require(Role.REJECTED));
    return out;
  }

  private static void system(ArrayNode turns, ExampleRow row, String roleKey, String textKey, String roleName) {
    String system = row.get(Role.SYSTEM);
    if (system != null && !system.isBlank()) {
      turns.addObject().put(roleKey, roleName).put(textKey, system);
    }
  }
}
