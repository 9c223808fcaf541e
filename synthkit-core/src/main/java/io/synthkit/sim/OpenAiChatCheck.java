package io.synthkit.sim;

import static io.synthkit.sim.OpenAiParams.badValue;
import static io.synthkit.sim.OpenAiParams.invalid;
import static io.synthkit.sim.OpenAiParams.missing;
import static io.synthkit.sim.OpenAiParams.wrongType;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates a Chat Completions request the way OpenAI does, stopping at the first problem: unknown parameters, types
 * and ranges of the sampling parameters, messages and roles, {@code response_format} (including the rule that
 * {@code json_object} needs the word "json" in the messages, and strict schemas), tools and {@code tool_choice}, and
 * the {@link Profile}'s own rules (reasoning models, servers without json_schema). Stateless.
 */
final class OpenAiChatCheck {

  /** Every top-level parameter of the Chat Completions API. */
  static final Set<String> KNOWN = Set.of("messages", "model", "audio", "frequency_penalty", "function_call",
      "functions", "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities",
      "moderation", "n", "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
      "prompt_cache_options", "prompt_cache_retention", "reasoning_effort", "response_format", "safety_identifier",
      "seed", "service_tier", "stop", "store", "stream", "stream_options", "temperature", "tool_choice", "tools",
      "top_logprobs", "top_p", "user", "verbosity", "web_search_options");

  static final List<String> ROLES = List.of("system", "assistant", "user", "function", "tool", "developer");
  static final List<String> EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh");
  private static final String NAME = "^[a-zA-Z0-9_-]+$";

  private OpenAiChatCheck() {}

  /**
   * Checks a request.
   *
   * @param body the parsed body
   * @param profile the model's profile
   * @return the 400 to send, or {@code null} when the request is valid
   */
  static @Nullable ApiError check(JsonNode body, Profile profile) {
    try {
      run(body, profile);
      return null;
    } catch (Rejected r) {
      return r.error();
    }
  }

  private static void run(JsonNode body, Profile profile) {
    if (!body.isObject()) {
      throw invalid(null, "We could not parse the JSON body of your request. The OpenAI API expects a JSON object.");
    }
    if (profile.rejectsUnknownParameters()) {
      unknown(body);
    }
    JsonNode model = body.get("model");
    if (model == null || model.isNull() || (model.isTextual() && model.asText().isBlank())) {
      throw missing("model");
    }
    if (!model.isTextual()) {
      throw wrongType("model", "a string", model);
    }
    messages(body.get("messages"));
    OpenAiParams.decimal(body, "temperature", 0, 2);
    OpenAiParams.decimal(body, "top_p", 0, 1);
    OpenAiParams.decimal(body, "presence_penalty", -2, 2);
    OpenAiParams.decimal(body, "frequency_penalty", -2, 2);
    OpenAiParams.integer(body, "n", 1, 128);
    OpenAiParams.integer(body, "max_tokens", 1, Integer.MAX_VALUE);
    OpenAiParams.integer(body, "max_completion_tokens", 1, Integer.MAX_VALUE);
    OpenAiParams.integer(body, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
    OpenAiParams.integer(body, "top_logprobs", 0, 20);
    OpenAiParams.bool(body, "logprobs");
    OpenAiParams.bool(body, "stream");
    OpenAiParams.bool(body, "parallel_tool_calls");
    OpenAiParams.bool(body, "store");
    OpenAiParams.string(body, "user");
    OpenAiParams.object(body, "metadata");
    OpenAiParams.oneOf(body, "reasoning_effort", EFFORTS);
    stop(body.get("stop"));
    streamOptions(body);
    profileRules(body, profile);
    responseFormat(body, profile);
    List<String> tools = tools(body.get("tools"));
    toolChoice(body.get("tool_choice"), tools);
  }

  private static void unknown(JsonNode body) {
    List<String> extra = new ArrayList<>();
    body.fieldNames().forEachRemaining(f -> {
      if (!KNOWN.contains(f)) {
        extra.add(f);
      }
    });
    if (!extra.isEmpty()) {
      throw invalid(null, extra.size() == 1 ? "Unrecognized request argument supplied: " + extra.get(0)
          : "Unrecognized request arguments supplied: " + String.join(", ", extra));
    }
  }

  private static void messages(JsonNode messages) {
    if (messages == null || messages.isNull()) {
      throw missing("messages");
    }
    if (!messages.isArray()) {
      throw wrongType("messages", "an array of objects", messages);
    }
    if (messages.isEmpty()) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid 'messages': empty array. Expected an array with"
          + " minimum length 1, but got an empty array instead.", "messages", "empty_array"));
    }
    for (int i = 0; i < messages.size(); i++) {
      message(messages.get(i), "messages[" + i + "]");
    }
  }

  private static void message(JsonNode m, String at) {
    if (!m.isObject()) {
      throw wrongType(at, "an object", m);
    }
    JsonNode role = m.get("role");
    if (role == null || role.isNull()) {
      throw missing(at + ".role");
    }
    if (!role.isTextual() || !ROLES.contains(role.asText())) {
      throw badValue(at + ".role", role.asText(), ROLES);
    }
    JsonNode content = m.get("content");
    boolean mayOmit = role.asText().equals("assistant") && (m.has("tool_calls") || m.has("function_call"));
    if (content == null || content.isNull()) {
      if (!mayOmit) {
        throw missing(at + ".content");
      }
      return;
    }
    if (!content.isTextual() && !content.isArray()) {
      throw wrongType(at + ".content", "one of a string or array of objects", content);
    }
    for (int j = 0; content.isArray() && j < content.size(); j++) {
      JsonNode part = content.get(j);
      if (!part.path("type").isTextual()) {
        throw missing(at + ".content[" + j + "].type");
      }
      if (part.path("type").asText().equals("text") && !part.path("text").isTextual()) {
        throw missing(at + ".content[" + j + "].text");
      }
    }
    if (role.asText().equals("tool") && !m.path("tool_call_id").isTextual()) {
      throw missing(at + ".tool_call_id");
    }
  }

  private static void stop(JsonNode stop) {
    if (stop == null || stop.isNull() || stop.isTextual()) {
      return;
    }
    if (!stop.isArray()) {
      throw wrongType("stop", "one of a string or array of strings", stop);
    }
    if (stop.size() > 4) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid 'stop': array too long. Expected an array with"
          + " maximum length 4, but got an array with length " + stop.size() + " instead.", "stop",
          "array_above_max_length"));
    }
  }

  private static void streamOptions(JsonNode body) {
    JsonNode options = body.get("stream_options");
    if (options == null || options.isNull()) {
      return;
    }
    if (!body.path("stream").asBoolean(false)) {
      throw invalid("stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
    }
    if (!options.isObject()) {
      throw wrongType("stream_options", "an object", options);
    }
    OpenAiParams.bool(options, "include_usage");
  }

  private static void profileRules(JsonNode body, Profile profile) {
    if (profile.reasoning()) {
      if (body.hasNonNull("max_tokens")) {
        throw unsupportedParameter("max_tokens", "Use 'max_completion_tokens' instead.");
      }
      if (body.hasNonNull("stop")) {
        throw unsupportedParameter("stop", null);
      }
      for (String p : List.of("temperature", "top_p")) {
        if (body.hasNonNull(p) && body.get(p).asDouble() != 1.0) {
          throw new Rejected(ApiError.invalid(Api.OPENAI, "Unsupported value: '" + p + "' does not support "
              + body.get(p).asText() + " with this model. Only the default (1) value is supported.", p,
              "unsupported_value"));
        }
      }
    } else if (profile != Profile.OLLAMA && body.hasNonNull("reasoning_effort")) {
      throw unsupportedParameter("reasoning_effort", null);
    }
  }

  private static Rejected unsupportedParameter(String param, @Nullable String hint) {
    return new Rejected(ApiError.invalid(Api.OPENAI, "Unsupported parameter: '" + param + "' is not supported with"
        + " this model." + (hint == null ? "" : " " + hint), param, "unsupported_parameter"));
  }

  private static void responseFormat(JsonNode body, Profile profile) {
    JsonNode rf = body.get("response_format");
    if (rf == null || rf.isNull()) {
      return;
    }
    if (!rf.isObject()) {
      throw wrongType("response_format", "an object", rf);
    }
    if (!rf.path("type").isTextual()) {
      throw missing("response_format.type");
    }
    String type = rf.get("type").asText();
    switch (type) {
      case "text" -> { }
      case "json_object" -> {
        if (!allText(body.get("messages")).toLowerCase(Locale.ROOT).contains("json")) {
          throw invalid("messages", "'messages' must contain the word 'json' in some form, to use 'response_format'"
              + " of type 'json_object'.");
        }
      }
      case "json_schema" -> jsonSchema(rf, profile);
      default -> throw badValue("response_format.type", type, List.of("json_object", "json_schema", "text"));
    }
  }

  private static void jsonSchema(JsonNode rf, Profile profile) {
    if (!profile.supportsJsonSchema()) {
      throw invalid("response_format", "Invalid parameter: 'response_format' of type 'json_schema' is not supported"
          + " with this model.");
    }
    JsonNode js = rf.get("json_schema");
    if (js == null || js.isNull()) {
      throw missing("response_format.json_schema");
    }
    if (!js.isObject()) {
      throw wrongType("response_format.json_schema", "an object", js);
    }
    JsonNode name = js.get("name");
    if (name == null || name.isNull()) {
      throw missing("response_format.json_schema.name");
    }
    if (!name.isTextual() || !name.asText().matches(NAME) || name.asText().length() > 64) {
      throw namePattern("response_format.json_schema.name");
    }
    JsonNode schema = js.get("schema");
    if (schema != null && !schema.isObject()) {
      throw wrongType("response_format.json_schema.schema", "an object", schema);
    }
    if (schema != null && js.path("strict").asBoolean(false)) {
      String problem = StrictSchema.problem(schema);
      if (problem != null) {
        throw invalid("response_format", "Invalid schema for response_format '" + name.asText() + "': " + problem);
      }
    }
  }

  /** Returns the function names, after checking each tool. */
  private static List<String> tools(JsonNode tools) {
    List<String> names = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return names;
    }
    if (!tools.isArray()) {
      throw wrongType("tools", "an array of objects", tools);
    }
    if (tools.isEmpty()) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid 'tools': empty array. Expected an array with minimum"
          + " length 1, but got an empty array instead.", "tools", "empty_array"));
    }
    if (tools.size() > 128) {
      throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid 'tools': array too long. Expected an array with"
          + " maximum length 128, but got an array with length " + tools.size() + " instead.", "tools",
          "array_above_max_length"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tools.size(); i++) {
      String at = "tools[" + i + "]";
      JsonNode t = tools.get(i);
      if (!t.path("type").isTextual()) {
        throw missing(at + ".type");
      }
      if (!t.get("type").asText().equals("function")) {
        throw badValue(at + ".type", t.get("type").asText(), List.of("function"));
      }
      JsonNode fn = t.get("function");
      if (fn == null || !fn.isObject()) {
        throw missing(at + ".function");
      }
      if (!fn.path("name").isTextual()) {
        throw missing(at + ".function.name");
      }
      String name = fn.get("name").asText();
      if (!name.matches(NAME) || name.length() > 64) {
        throw namePattern(at + ".function.name");
      }
      if (!seen.add(name)) {
        throw invalid("tools", "Duplicate function name '" + name + "' in 'tools'.");
      }
      JsonNode params = fn.get("parameters");
      if (params != null && !params.isObject()) {
        throw wrongType(at + ".function.parameters", "an object", params);
      }
      if (params != null && fn.path("strict").asBoolean(false)) {
        String problem = StrictSchema.problem(params);
        if (problem != null) {
          throw new Rejected(ApiError.invalid(Api.OPENAI, "Invalid schema for function '" + name + "': " + problem,
              at + ".function.parameters", "invalid_function_parameters"));
        }
      }
      names.add(name);
    }
    return names;
  }

  private static void toolChoice(JsonNode choice, List<String> tools) {
    if (choice == null || choice.isNull()) {
      return;
    }
    if (tools.isEmpty()) {
      throw invalid("tool_choice", "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are"
          + " specified.");
    }
    if (choice.isTextual()) {
      if (!List.of("none", "auto", "required").contains(choice.asText())) {
        throw badValue("tool_choice", choice.asText(), List.of("none", "auto", "required"));
      }
      return;
    }
    if (!choice.isObject()) {
      throw wrongType("tool_choice", "one of a string or object", choice);
    }
    if (!"function".equals(choice.path("type").asText())) {
      throw badValue("tool_choice.type", choice.path("type").asText(), List.of("function"));
    }
    JsonNode name = choice.path("function").path("name");
    if (!name.isTextual()) {
      throw missing("tool_choice.function.name");
    }
    if (!tools.contains(name.asText())) {
      throw invalid("tool_choice", "Invalid value for 'tool_choice': function '" + name.asText()
          + "' was not found in 'tools'.");
    }
  }

  private static Rejected namePattern(String param) {
    return new Rejected(ApiError.invalid(Api.OPENAI, "Invalid '" + param + "': string does not match pattern."
        + " Expected a string that matches the pattern '" + NAME + "' of at most 64 characters.", param,
        "invalid_value"));
  }

  /** All message text, for the json_object rule. */
  static String allText(JsonNode messages) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode m : messages) {
      JsonNode c = m.path("content");
      if (c.isTextual()) {
        sb.append(c.asText()).append('\n');
      } else {
        c.forEach(p -> sb.append(p.path("text").asText("")).append('\n'));
      }
    }
    return sb.toString();
  }
}
