package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides, deterministically, whether the simulated model calls a tool and which, following {@code tool_choice} over
 * the tools the request offers (a tool that was not offered is never called):
 *
 * <ul>
 *   <li>{@code none} (Anthropic {@code {"type": "none"}}): never a tool;
 *   <li>a named function (Anthropic {@code {"type": "tool", "name": ...}}): that tool;
 *   <li>{@code required} (Anthropic {@code any}): the first offered tool whose name appears in the last user message,
 *       else the first tool;
 *   <li>{@code auto}, or no {@code tool_choice}: the only tool when exactly one is offered; among several, the first
 *       whose name appears in the last user message; otherwise a text answer.
 * </ul>
 *
 * Stateless.
 */
final class ToolPlan {

  /**
   * A tool call the simulated model makes.
   *
   * @param name the tool's name
   * @param schema its parameters' schema (arguments are generated to match it)
   * @param forced true when {@code tool_choice} named it (OpenAI then reports finish_reason {@code stop})
   */
  record Call(String name, ObjectNode schema, boolean forced) {}

  private record Offered(String name, ObjectNode schema) {}

  private ToolPlan() {}

  /**
   * Picks the call for a request.
   *
   * @param api the wire protocol
   * @param body the request body (already validated)
   * @param lastUser the last user message's text
   * @return the call, or {@code null} for a text answer
   */
  static @Nullable Call pick(Api api, JsonNode body, String lastUser) {
    List<Offered> tools = offered(api, body.path("tools"));
    if (tools.isEmpty()) {
      return null;
    }
    JsonNode choice = body.path("tool_choice");
    String mode;
    if (api == Api.OPENAI) {
      mode = choice.isTextual() ? choice.asText() : choice.isObject() ? "named" : "auto";
    } else {
      mode = switch (choice.path("type").asText("auto")) {
        case "none" -> "none";
        case "any" -> "required";
        case "tool" -> "named";
        default -> "auto";
      };
    }
    String named = (api == Api.OPENAI ? choice.path("function").path("name") : choice.path("name")).asText("");
    return switch (mode) {
      case "none" -> null;
      case "named" -> tools.stream().filter(t -> t.name().equals(named)).findFirst()
          .map(t -> new Call(t.name(), t.schema(), true)).orElse(null);
      case "required" -> call(mentioned(tools, lastUser) != null ? mentioned(tools, lastUser) : tools.get(0));
      default -> tools.size() == 1 ? call(tools.get(0)) : call(mentioned(tools, lastUser));
    };
  }

  private static @Nullable Call call(@Nullable Offered t) {
    return t == null ? null : new Call(t.name(), t.schema(), false);
  }

  private static @Nullable Offered mentioned(List<Offered> tools, String lastUser) {
    String text = lastUser.toLowerCase(Locale.ROOT);
    return tools.stream().filter(t -> text.contains(t.name().toLowerCase(Locale.ROOT))).findFirst().orElse(null);
  }

  private static List<Offered> offered(Api api, JsonNode tools) {
    List<Offered> out = new ArrayList<>();
    for (JsonNode t : tools) {
      JsonNode def = api == Api.OPENAI ? t.path("function") : t;
      JsonNode schema = api == Api.OPENAI ? def.path("parameters") : def.path("input_schema");
      out.add(new Offered(def.path("name").asText(), schema.isObject() ? (ObjectNode) schema
          : Json.object().put("type", "object").set("properties", Json.object())));
    }
    return out;
  }
}
