package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a Messages (or count_tokens) request the way Anthropic does, stopping at the first problem: the
 * {@code anthropic-version} header, unknown fields ("Extra inputs are not permitted"), required {@code model},
 * {@code max_tokens} and {@code messages}, roles (a {@code system} message must be the top-level {@code system}
 * field), content, sampling ranges, tools, {@code tool_choice}, and structured output ({@code output_config.format},
 * or the beta {@code output_format} when the {@code anthropic-beta} header asks for structured outputs). Messages
 * are worded like Anthropic's, {@code <field path>: <problem>}. Stateless.
 */
final class AnthropicCheck {

  /** The API versions the simulator answers (the gateway sends 2023-06-01; anthropic-java 3.x sends 2026-10-21). */
  static final Set<String> VERSIONS = Set.of("2023-01-01", "2023-06-01", "2026-10-21");

  private static final Set<String> MESSAGE_FIELDS = Set.of("model", "messages", "max_tokens", "system", "metadata",
      "stop_sequences", "stream", "temperature", "top_k", "top_p", "tools", "tool_choice", "thinking",
      "output_config", "service_tier", "cache_control", "container", "diagnostics", "inference_geo", "speed");
  private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
      "thinking", "output_config", "cache_control", "speed");
  private static final String TOOL_NAME = "^[a-zA-Z0-9_-]{1,128}$";

  private AnthropicCheck() {}

  /**
   * Checks a request.
   *
   * @param req the HTTP request (for its headers)
   * @param body the parsed body
   * @param countOnly true for {@code /v1/messages/count_tokens}, which takes no {@code max_tokens}
   * @return the 400 to send, or {@code null} when the request is valid
   */
  static @Nullable ApiError check(SimHttpRequest req, JsonNode body, boolean countOnly) {
    try {
      run(req, body, countOnly);
      return null;
    } catch (Rejected r) {
      return r.error();
    }
  }

  /** The version header alone, which every Anthropic endpoint requires. */
  static @Nullable ApiError version(SimHttpRequest req) {
    String version = req.header("anthropic-version");
    if (version == null || version.isBlank()) {
      return ApiError.invalid(Api.ANTHROPIC, "anthropic-version: header is required", null, null);
    }
    if (!VERSIONS.contains(version.strip())) {
      return ApiError.invalid(Api.ANTHROPIC, "anthropic-version: invalid version '" + version.strip()
          + "'; supported versions are " + String.join(", ", VERSIONS.stream().sorted().toList()), null, null);
    }
    return null;
  }

  private static void run(SimHttpRequest req, JsonNode body, boolean countOnly) {
    ApiError v = version(req);
    if (v != null) {
      throw new Rejected(v);
    }
    if (!body.isObject()) {
      throw bad("Input should be a valid dictionary");
    }
    boolean betaOutputFormat = String.valueOf(req.header("anthropic-beta")).contains("structured-outputs");
    Set<String> allowed = countOnly ? COUNT_FIELDS : MESSAGE_FIELDS;
    body.fieldNames().forEachRemaining(f -> {
      if (!allowed.contains(f) && !(f.equals("output_format") && betaOutputFormat)) {
        throw bad(f + ": Extra inputs are not permitted");
      }
    });
    if (!body.path("model").isTextual() || body.get("model").asText().isBlank()) {
      throw bad(body.has("model") ? "model: Input should be a valid string" : "model: Field required");
    }
    if (!countOnly) {
      JsonNode max = body.get("max_tokens");
      if (max == null || max.isNull()) {
        throw bad("max_tokens: Field required");
      }
      if (!max.isIntegralNumber()) {
        throw bad("max_tokens: Input should be a valid integer");
      }
      if (max.asLong() < 1) {
        throw bad("max_tokens: Input should be greater than or equal to 1");
      }
    }
    messages(body.get("messages"));
    system(body.get("system"));
    range(body, "temperature", 0, 1);
    range(body, "top_p", 0, 1);
    if (body.has("top_k") && (!body.get("top_k").isIntegralNumber() || body.get("top_k").asLong() < 0)) {
      throw bad("top_k: Input should be greater than or equal to 0");
    }
    if (body.has("stream") && !body.get("stream").isBoolean()) {
      throw bad("stream: Input should be a valid boolean");
    }
    JsonNode stops = body.get("stop_sequences");
    if (stops != null && (!stops.isArray() || !allText(stops))) {
      throw bad("stop_sequences: Input should be a valid list of strings");
    }
    List<String> tools = tools(body.get("tools"));
    toolChoice(body.get("tool_choice"), tools);
    outputFormat(body.path("output_config").path("format"), "output_config.format");
    outputFormat(body.path("output_format"), "output_format");
    thinking(body, countOnly);
    cacheBreakpoints(body);
  }

  /** Anthropic allows at most four cache_control breakpoints in a request (tools, system and message blocks). */
  private static void cacheBreakpoints(JsonNode body) {
    int found = 0;
    for (JsonNode t : body.path("tools")) {
      found += t.path("cache_control").isObject() ? 1 : 0;
    }
    for (JsonNode b : body.path("system")) {
      found += b.path("cache_control").isObject() ? 1 : 0;
    }
    for (JsonNode m : body.path("messages")) {
      for (JsonNode b : m.path("content")) {
        found += b.path("cache_control").isObject() ? 1 : 0;
      }
    }
    if (found > 4) {
      throw bad("A maximum of 4 blocks with cache_control may be provided. Found " + found + ".");
    }
  }

  private static void messages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw bad("messages: Field required");
    }
    if (!messages.isArray()) {
      throw bad("messages: Input should be a valid list");
    }
    if (messages.isEmpty()) {
      throw bad("messages: at least one message is required");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String role = m.path("role").asText("");
      if (role.equals("system")) {
        throw bad("messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter,"
            + " not \"system\" as an input message role.");
      }
      if (!role.equals("user") && !role.equals("assistant")) {
        throw bad("messages." + i + ".role: Input should be 'user' or 'assistant'");
      }
      JsonNode content = m.get("content");
      if (content == null || content.isNull()) {
        throw bad("messages." + i + ".content: Field required");
      }
      if (content.isTextual()) {
        if (content.asText().isEmpty() && !(role.equals("assistant") && i == messages.size() - 1)) {
          throw bad("messages: text content blocks must be non-empty");
        }
      } else if (content.isArray()) {
        blocks(content, "messages." + i + ".content");
      } else {
        throw bad("messages." + i + ".content: Input should be a valid list");
      }
    }
    JsonNode last = messages.get(messages.size() - 1);
    if (last.path("role").asText().equals("assistant") && last.path("content").isTextual()
        && !last.get("content").asText().equals(last.get("content").asText().stripTrailing())) {
      throw bad("messages: final assistant content cannot end with trailing whitespace");
    }
  }

  private static void blocks(JsonNode content, String at) {
    for (int j = 0; j < content.size(); j++) {
      JsonNode b = content.get(j);
      if (!b.path("type").isTextual()) {
        throw bad(at + "." + j + ".type: Field required");
      }
      if (b.get("type").asText().equals("text")) {
        if (!b.path("text").isTextual()) {
          throw bad(at + "." + j + ".text: Field required");
        }
        if (b.get("text").asText().isEmpty()) {
          throw bad("messages: text content blocks must be non-empty");
        }
      }
    }
  }

  private static void system(JsonNode system) {
    if (system == null || system.isNull() || system.isTextual()) {
      return;
    }
    if (!system.isArray()) {
      throw bad("system: Input should be a valid string");
    }
    for (int i = 0; i < system.size(); i++) {
      if (!"text".equals(system.get(i).path("type").asText()) || !system.get(i).path("text").isTextual()) {
        throw bad("system." + i + ": Input should be a text block");
      }
    }
  }

  private static void range(JsonNode body, String field, double min, double max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return;
    }
    if (!v.isNumber()) {
      throw bad(field + ": Input should be a valid number");
    }
    if (v.asDouble() < min) {
      throw bad(field + ": Input should be greater than or equal to " + (int) min);
    }
    if (v.asDouble() > max) {
      throw bad(field + ": Input should be less than or equal to " + (int) max);
    }
  }

  private static List<String> tools(JsonNode tools) {
    List<String> names = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return names;
    }
    if (!tools.isArray()) {
      throw bad("tools: Input should be a valid list");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode t = tools.get(i);
      String type = t.path("type").asText("custom");
      if (!type.equals("custom")) {
        throw bad("tools." + i + ".type: the simulator supports client tools only (type 'custom' or no type), got '"
            + type + "'");
      }
      if (!t.path("name").isTextual()) {
        throw bad("tools." + i + ".name: Field required");
      }
      String name = t.get("name").asText();
      if (!name.matches(TOOL_NAME)) {
        throw bad("tools." + i + ".name: String should match pattern '" + TOOL_NAME + "'");
      }
      if (!seen.add(name)) {
        throw bad("tools: Tool names must be unique.");
      }
      JsonNode schema = t.get("input_schema");
      if (schema == null || schema.isNull()) {
        throw bad("tools." + i + ".input_schema: Field required");
      }
      if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
        throw bad("tools." + i + ".input_schema.type: Input should be 'object'");
      }
      names.add(name);
    }
    return names;
  }

  private static void toolChoice(JsonNode choice, List<String> tools) {
    if (choice == null || choice.isNull()) {
      return;
    }
    if (!choice.isObject()) {
      throw bad("tool_choice: Input should be a valid dictionary");
    }
    String type = choice.path("type").asText("");
    switch (type) {
      case "auto", "any", "none" -> { }
      case "tool" -> {
        if (!choice.path("name").isTextual()) {
          throw bad("tool_choice.tool.name: Field required");
        }
        if (!tools.contains(choice.get("name").asText())) {
          throw bad("tool_choice: Tool '" + choice.get("name").asText() + "' not found in tools");
        }
      }
      default -> throw bad("tool_choice: Input tag '" + type + "' found using 'type' does not match any of the"
          + " expected tags: 'auto', 'any', 'tool', 'none'");
    }
    if (!type.equals("none") && !type.equals("auto") && tools.isEmpty()) {
      throw bad("tool_choice: tool_choice may only be specified while providing tools");
    }
  }

  private static void outputFormat(JsonNode format, String at) {
    if (format.isMissingNode() || format.isNull()) {
      return;
    }
    if (!"json_schema".equals(format.path("type").asText())) {
      throw bad(at + ".type: Input should be 'json_schema'");
    }
    if (!format.path("schema").isObject()) {
      throw bad(at + ".schema: Field required");
    }
  }

  private static void thinking(JsonNode body, boolean countOnly) {
    JsonNode t = body.get("thinking");
    if (t == null || t.isNull() || !"enabled".equals(t.path("type").asText())) {
      return;
    }
    long budget = t.path("budget_tokens").asLong(0);
    if (budget < 1024) {
      throw bad("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    }
    if (!countOnly && budget >= body.path("max_tokens").asLong()) {
      throw bad("`max_tokens` must be greater than `thinking.budget_tokens`.");
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Rejected bad(String message) {
    return new Rejected(ApiError.invalid(Api.ANTHROPIC, message, null, null));
  }
}
