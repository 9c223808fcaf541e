package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading a refused request: the error body as each server shapes it, and what it means for the next request. */
class BadRequestTest {

  private static final ObjectNode SENT = Json.object().put("model", "m").put("max_tokens", 100_000)
      .put("temperature", 0.2).put("top_k", 40).put("seed", 7);

  private static ErrorBody error(String message) {
    return new ErrorBody(message, "", "", "");
  }

  private static BadRequest.Remedy diagnose(ErrorBody e, boolean structured, boolean openAi) {
    return BadRequest.diagnose(e, 400, SENT, structured, openAi);
  }

  @Test
  void parse_readsOpenAiAnthropicAndPlainBodies() {
    ErrorBody openAi = ErrorBody.parse(("{\"error\": {\"message\": \"Unsupported value\", \"type\":"
        + " \"invalid_request_error\", \"param\": \"temperature\", \"code\": \"unsupported_value\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(openAi).isEqualTo(new ErrorBody("Unsupported value", "invalid_request_error", "temperature",
        "unsupported_value"));
    ErrorBody anthropic = ErrorBody.parse(("{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\","
        + " \"message\": \"max_tokens: too big\"}}").getBytes(StandardCharsets.UTF_8));
    assertThat(anthropic).isEqualTo(new ErrorBody("max_tokens: too big", "invalid_request_error", "", ""));
    assertThat(ErrorBody.parse("{\"error\": \"model not found\"}".getBytes(StandardCharsets.UTF_8)))
        .as("vLLM's plain string").isEqualTo(new ErrorBody("model not found", "", "", ""));
    assertThat(ErrorBody.parse("{\"message\": \"bad   request\\n now\", \"code\": 400}"
        .getBytes(StandardCharsets.UTF_8))).as("a top-level message, on one line")
        .isEqualTo(new ErrorBody("bad request now", "", "", ""));
    assertThat(ErrorBody.parse("{\"error\": {\"message\": \"m\", \"code\": 42, \"param\": null}}"
        .getBytes(StandardCharsets.UTF_8))).isEqualTo(new ErrorBody("m", "", "", "42"));
    assertThat(ErrorBody.parse("{\"error\": {\"message\": \"m\", \"code\": null}}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ErrorBody("m", "", "", ""));
    assertThat(ErrorBody.parse("{\"error\": {}}".getBytes(StandardCharsets.UTF_8)).message())
        .as("no message: the raw text").isEqualTo("{\"error\": {}}");
    assertThat(ErrorBody.parse("  Bad Gateway\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new ErrorBody("Bad Gateway", "", "", ""));
    assertThat(ErrorBody.parse("[1, 2]".getBytes(StandardCharsets.UTF_8)).message()).isEqualTo("[1, 2]");
  }

  @Test
  void parse_abbreviatesLongBodies_andLineNamesTheStatus() {
    String body = "x".repeat(300);
    assertThat(ErrorBody.parse(body.getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(body);
    assertThat(ErrorBody.parse((body + "y").getBytes(StandardCharsets.UTF_8)).message()).isEqualTo(body + "...");
    assertThat(error("too long").line(413)).isEqualTo("HTTP 413: too long");
    assertThat(error("").line(400)).isEqualTo("HTTP 400");
  }

  @Test
  void contextLength_isRecognisedByStatusOrWording() {
    assertThat(BadRequest.diagnose(error("Payload Too Large"), 413, SENT, false, true))
        .isInstanceOf(BadRequest.Remedy.ContextLength.class);
    for (String m : new String[] {"This model's maximum context length is 8192 tokens", "context_length_exceeded",
        "exceeds the Maximum Context", "too many tokens", "prompt is too long: 300000 tokens > 200000 maximum",
        "input exceeds the context window"}) {
      assertThat(diagnose(error(m), false, true)).as(m).isInstanceOf(BadRequest.Remedy.ContextLength.class);
    }
  }

  @Test
  void refusedItems_areRecognisedByCodeOrWording() {
    assertThat(diagnose(new ErrorBody("no", "", "", "content_policy_violation"), false, true))
        .isInstanceOf(BadRequest.Remedy.ItemRefused.class);
    assertThat(diagnose(new ErrorBody("no", "", "", "content_filter"), false, true))
        .isInstanceOf(BadRequest.Remedy.ItemRefused.class);
    assertThat(diagnose(new ErrorBody("no", "", "", "invalid_prompt"), false, true))
        .isInstanceOf(BadRequest.Remedy.ItemRefused.class);
    for (String m : new String[] {"filtered by the content management policy", "violates our usage policy",
        "flagged under our Usage Policies", "'messages' must contain the word json"}) {
      assertThat(diagnose(error(m), false, true)).as(m).isInstanceOf(BadRequest.Remedy.ItemRefused.class);
    }
  }

  @Test
  void structuredOutputParameters_areAModeFallback_onlyWhenTheRequestAskedForJson() {
    assertThat(diagnose(new ErrorBody("x", "", "response_format", ""), true, true))
        .isEqualTo(new BadRequest.Remedy.Mode("response_format"));
    assertThat(diagnose(new ErrorBody("x", "", "tools", ""), true, true)).isEqualTo(new BadRequest.Remedy.Mode("tools"));
    assertThat(diagnose(new ErrorBody("x", "", "tools", ""), false, true)).isInstanceOf(BadRequest.Remedy.None.class);
    for (String m : new String[] {"the json schema you sent is too deep", "this backend has no tool support",
        "invalid schema for function 'f'", "Function calling is off"}) {
      assertThat(diagnose(error(m), true, true)).as(m).isEqualTo(new BadRequest.Remedy.Mode("response_format"));
      assertThat(diagnose(error(m), false, true)).as(m).isInstanceOf(BadRequest.Remedy.None.class);
    }
    assertThat(diagnose(error("the server is sad"), true, true)).isInstanceOf(BadRequest.Remedy.None.class);
  }

  @Test
  void essentialParameters_cannotBeFixed_andAnUnsentOneIsNotDropped() {
    assertThat(diagnose(new ErrorBody("x", "", "model", ""), false, true)).isInstanceOf(BadRequest.Remedy.None.class);
    assertThat(diagnose(new ErrorBody("x", "", "top_p", ""), false, true)).isInstanceOf(BadRequest.Remedy.None.class);
    assertThat(diagnose(new ErrorBody("x", "", "top_k", ""), false, true))
        .isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Drop("top_k")));
    assertThat(diagnose(new ErrorBody("x", "", "messages[0].content", ""), false, true))
        .isInstanceOf(BadRequest.Remedy.ItemRefused.class);
  }

  @Test
  void tokenLimits_areRenamedCappedOrDropped() {
    assertThat(diagnose(new ErrorBody("Use 'max_completion_tokens' instead.", "", "max_tokens", ""), false, true))
        .isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Rename("max_tokens", "max_completion_tokens")));
    assertThat(diagnose(new ErrorBody("not supported", "", "max_tokens", "unsupported_parameter"), false, true))
        .isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Rename("max_tokens", "max_completion_tokens")));
    assertThat(diagnose(new ErrorBody("max_tokens: 100000 > 64000, the maximum", "", "", ""), false, false))
        .isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Cap("max_tokens", 64_000)));
    assertThat(diagnose(new ErrorBody("Use max_completion_tokens", "", "max_tokens", ""), false, false))
        .as("Anthropic has no max_completion_tokens, and never goes without max_tokens")
        .isInstanceOf(BadRequest.Remedy.None.class);
    assertThat(diagnose(new ErrorBody("max_tokens is invalid", "", "", ""), false, true))
        .isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Drop("max_tokens")));
    ObjectNode textLimit = Json.object().put("max_completion_tokens", "lots");
    assertThat(BadRequest.diagnose(new ErrorBody("max_completion_tokens is 5 at most", "", "", ""), 400, textLimit,
        false, true)).isEqualTo(new BadRequest.Remedy.Param(new ParamRules.Drop("max_completion_tokens")));
    assertThat(BadRequest.diagnose(new ErrorBody("max_completion_tokens is invalid", "", "", ""), 400,
        Json.object(), false, true)).isInstanceOf(BadRequest.Remedy.None.class);
  }

  @Test
  void largestBelow_isTheLargestPositiveIntegerUnderTheValueSent() {
    assertThat(BadRequest.largestBelow("between 1 and 8192, got 10000; gpt-4o-2024 allows 4096", 10_000))
        .isEqualTo(8192);
    assertThat(BadRequest.largestBelow("limit 500", 500)).as("equal to the value sent: no cap").isEqualTo(-1);
    assertThat(BadRequest.largestBelow("limit 0", 500)).isEqualTo(-1);
    assertThat(BadRequest.largestBelow("model v2.5 at 3.5x", 500)).as("parts of words and decimals").isEqualTo(-1);
    assertThat(BadRequest.largestBelow("limit 499", 500)).isEqualTo(499);
  }

  @Test
  void named_prefersTheEarliestMention_thenTheLongerName() {
    assertThat(BadRequest.named(error("'seed' is ignored; temperature too"), SENT)).isEqualTo("seed");
    assertThat(BadRequest.named(error("temperature and \"seed\""), SENT)).isEqualTo("temperature");
    assertThat(BadRequest.named(error("stop_sequences: too many"), SENT)).isEqualTo("stop_sequences");
    assertThat(BadRequest.named(error("`n` must be 1"), SENT)).isEqualTo("n");
    assertThat(BadRequest.named(error("n must be 1"), SENT)).as("a bare one-letter word is not a name").isNull();
    assertThat(BadRequest.named(error("json_schema is refused"), SENT)).isEqualTo("response_format");
    assertThat(BadRequest.named(error("unknown field custom_knob"), Json.object().put("custom_knob", 1)))
        .as("a field the body sent").isEqualTo("custom_knob");
    assertThat(BadRequest.named(new ErrorBody("x", "", "tools[0].function", ""), SENT)).isEqualTo("tools");
    assertThat(BadRequest.named(new ErrorBody("x", "", "json_schema", ""), SENT)).isEqualTo("response_format");
    assertThat(BadRequest.named(new ErrorBody("seed!", "", " ", ""), SENT)).as("a blank param").isEqualTo("seed");
    assertThat(BadRequest.named(error("top_p_extra and top_p"), SENT)).as("whole words only").isEqualTo("top_p");
  }
}
