package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import org.junit.jupiter.api.Test;

/** Server-sent events put back together into the one body a non-streamed call would have returned. */
class StreamAssemblyTest {

  @Test
  void openAi_joinsDeltasPerChoice_andKeepsTheUsageChunk() {
    OpenAiStream s = new OpenAiStream();
    assertThat(s.event("", "{\"model\": \"gpt-x\", \"choices\": [{\"index\": 1, \"delta\": {\"content\": \"B\"}}]}"))
        .isTrue();
    assertThat(s.event("", "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"He\"}},"
        + " {\"index\": 1, \"delta\": {}, \"finish_reason\": \"length\"}]}")).isTrue();
    s.event("", "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"llo\"}, \"finish_reason\": null}]}");
    s.event("", "{\"choices\": [], \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2}}");
    assertThat(s.problem()).isEqualTo("the stream ended before [DONE]");
    assertThat(s.event("", " [DONE] ")).isFalse();
    assertThat(s.problem()).isNull();
    assertThat(s.overloaded()).isFalse();
    assertThat(s.body()).isEqualTo(Json.parse("{\"object\": \"chat.completion\", \"model\": \"gpt-x\", \"choices\":"
        + " [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"Hello\"}, \"finish_reason\":"
        + " \"stop\"}, {\"index\": 1, \"message\": {\"role\": \"assistant\", \"content\": \"B\"}, \"finish_reason\":"
        + " \"length\"}], \"usage\": {\"prompt_tokens\": 5, \"completion_tokens\": 2}}"));
  }

  @Test
  void openAi_joinsToolCallArguments_andLeavesContentNullWithoutText() {
    OpenAiStream s = new OpenAiStream();
    s.event("", "{\"choices\": [{\"delta\": {\"tool_calls\": [{\"index\": 0, \"id\": \"call_1\", \"function\":"
        + " {\"name\": \"answer\", \"arguments\": \"{\\\"a\\\"\"}}]}}]}");
    s.event("", "{\"choices\": [{\"delta\": {\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\":"
        + " \": 1}\"}}]}, \"finish_reason\": \"tool_calls\"}]}");
    s.event("", "[DONE]");
    assertThat(s.body()).isEqualTo(Json.parse("{\"object\": \"chat.completion\", \"model\": \"\", \"choices\":"
        + " [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [{\"id\":"
        + " \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"answer\", \"arguments\": \"{\\\"a\\\": 1}\"}}]},"
        + " \"finish_reason\": \"tool_calls\"}]}"));
    OpenAiStream empty = new OpenAiStream();
    empty.event("", "{\"choices\": [{\"delta\": {}}]}");
    assertThat(empty.body().path("choices").get(0).path("message").path("content").asText()).isEmpty();
    assertThat(empty.body().path("choices").get(0).path("message").path("content").isTextual()).isTrue();
  }

  @Test
  void openAi_errorsAndGarbageEndTheStream() {
    OpenAiStream garbage = new OpenAiStream();
    assertThat(garbage.event("", "not json")).isFalse();
    assertThat(garbage.problem()).isEqualTo("a stream chunk is not JSON");
    OpenAiStream overloaded = new OpenAiStream();
    assertThat(overloaded.event("", "{\"error\": {\"message\": \"busy\", \"type\": \"server_overloaded\"}}")).isFalse();
    assertThat(overloaded.problem()).isEqualTo("stream error: busy");
    assertThat(overloaded.overloaded()).isTrue();
    OpenAiStream limited = new OpenAiStream();
    limited.event("", "{\"error\": {\"message\": \"slow down\", \"code\": \"rate_limit_exceeded\"}}");
    assertThat(limited.overloaded()).isTrue();
    OpenAiStream other = new OpenAiStream();
    other.event("", "{\"error\": \"bad thing\"}");
    assertThat(other.problem()).isEqualTo("stream error: bad thing");
    assertThat(other.overloaded()).isFalse();
  }

  @Test
  void anthropic_joinsTextAndToolBlocks_withUsageFromStartAndDelta() {
    AnthropicStream s = new AnthropicStream();
    assertThat(s.event("message_start", "{\"type\": \"message_start\", \"message\": {\"model\": \"claude-x\","
        + " \"usage\": {\"input_tokens\": 10, \"output_tokens\": 1}}}")).isTrue();
    s.event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 0, \"content_block\": {\"type\":"
        + " \"text\", \"text\": \"He\"}}");
    s.event("ping", "{\"type\": \"ping\"}");
    s.event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\":"
        + " \"text_delta\", \"text\": \"llo\"}}");
    s.event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\":"
        + " \"thinking_delta\", \"thinking\": \"hmm\"}}");
    s.event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 1, \"content_block\": {\"type\":"
        + " \"tool_use\", \"id\": \"tu_1\", \"name\": \"answer\"}}");
    s.event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 1, \"delta\": {\"type\":"
        + " \"input_json_delta\", \"partial_json\": \"{\\\"a\\\":\"}}");
    s.event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 1, \"delta\": {\"type\":"
        + " \"input_json_delta\", \"partial_json\": \" 2}\"}}");
    s.event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 2, \"content_block\": {\"type\":"
        + " \"thinking\"}}");
    s.event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"tool_use\"}, \"usage\":"
        + " {\"output_tokens\": 7}}");
    assertThat(s.problem()).isEqualTo("the stream ended before message_stop");
    assertThat(s.event("message_stop", "{\"type\": \"message_stop\"}")).isFalse();
    assertThat(s.problem()).isNull();
    assertThat(s.body()).isEqualTo(Json.parse("{\"type\": \"message\", \"role\": \"assistant\", \"model\":"
        + " \"claude-x\", \"content\": [{\"type\": \"text\", \"text\": \"Hello\"}, {\"type\": \"tool_use\", \"id\":"
        + " \"tu_1\", \"name\": \"answer\", \"input\": {\"a\": 2}}], \"stop_reason\": \"tool_use\", \"usage\":"
        + " {\"input_tokens\": 10, \"output_tokens\": 7}}"));
  }

  @Test
  void anthropic_aCutOffToolInputStaysText_andAnEmptyOneIsAnEmptyObject() {
    AnthropicStream s = new AnthropicStream();
    s.event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 0, \"content_block\": {\"type\":"
        + " \"tool_use\", \"id\": \"a\", \"name\": \"n\"}}");
    s.event("content_block_delta", "{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\":"
        + " \"input_json_delta\", \"partial_json\": \"{\\\"a\\\": [1, 2\"}}");
    s.event("content_block_start", "{\"type\": \"content_block_start\", \"index\": 1, \"content_block\": {\"type\":"
        + " \"tool_use\", \"id\": \"b\", \"name\": \"m\"}}");
    s.event("message_delta", "{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": null}}");
    assertThat(s.body()).isEqualTo(Json.parse("{\"type\": \"message\", \"role\": \"assistant\", \"model\": \"\","
        + " \"content\": [{\"type\": \"text\", \"text\": \"{\\\"a\\\": [1, 2\"}, {\"type\": \"tool_use\", \"id\":"
        + " \"b\", \"name\": \"m\", \"input\": {}}], \"stop_reason\": \"end_turn\", \"usage\": {}}"));
  }

  @Test
  void anthropic_typeComesFromTheDataElseTheEventName_andErrorsEndTheStream() {
    AnthropicStream byName = new AnthropicStream();
    byName.event("content_block_delta", "{\"index\": 0, \"delta\": {\"type\": \"text_delta\", \"text\": \"x\"}}");
    byName.event("content_block_start", "{\"index\": 0, \"content_block\": {}}");
    assertThat(byName.body().path("content").get(0).path("text").asText()).isEqualTo("x");
    AnthropicStream garbage = new AnthropicStream();
    assertThat(garbage.event("message_start", "{oops")).isFalse();
    assertThat(garbage.problem()).isEqualTo("a stream event is not JSON");
    AnthropicStream overloaded = new AnthropicStream();
    assertThat(overloaded.event("error", "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\","
        + " \"message\": \"Overloaded\"}}")).isFalse();
    assertThat(overloaded.problem()).isEqualTo("stream error: overloaded_error: Overloaded");
    assertThat(overloaded.overloaded()).isTrue();
    AnthropicStream other = new AnthropicStream();
    other.event("error", "{\"type\": \"error\", \"error\": {}}");
    assertThat(other.problem()).isEqualTo("stream error: error: ");
    assertThat(other.overloaded()).isFalse();
  }
}
