package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.http.StubServer;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code stream: true} over real HTTP: both APIs' event streams, assembled into the reply, usage from the end. */
@Timeout(60)
class StreamingTest {

  record Weather(@JsonPropertyDescription("city name") String city, int temperature) {}

  private static final Duration GAP = Duration.ofMillis(2);

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
  }

  private static final List<String> OPENAI_TEXT = List.of(
      chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), "",
      chunk("{\"content\":\"Hello\"}", null), "",
      chunk("{\"content\":\", world\"}", null), "",
      chunk("{}", "stop"), "",
      "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18,"
          + "\"completion_tokens_details\":{\"reasoning_tokens\":3}}}", "",
      "data: [DONE]", "");

  private static ModelConfig.Builder streaming(String url) {
    return Wire.openAi(url).stream(true);
  }

  @Test
  void openAi_textAndUsageFromTheFinalChunk() {
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(GAP, OPENAI_TEXT));
        Gateway g = Gateway.builder().model("default", streaming(server.url()).build()).build()) {
      Choice c = g.llm("default").completion(Prompt.user("hi"), "k");
      assertThat(c.text()).isEqualTo("Hello, world");
      assertThat(c.finishReason()).isEqualTo("stop");
      JsonNode sent = server.requests().get(0).json();
      assertThat(sent.path("stream").asBoolean()).isTrue();
      assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
      Usage u = g.meter().total();
      assertThat(u.promptTokens()).isEqualTo(11);
      assertThat(u.completionTokens()).isEqualTo(7);
      assertThat(u.reasoningTokens()).isEqualTo(3);
    }
  }

  @Test
  void openAi_toolCallDeltasAreAssembled() {
    List<String> lines = List.of(
        chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":"
            + "\"function\",\"function\":{\"name\":\"Weather\",\"arguments\":\"\"}}]}", null), "",
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\": \\\"Os\"}}]}", null), "",
        chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"lo\\\", \\\"temperature\\\": 4}\"}}]}",
            null), "",
        chunk("{}", "tool_calls"), "",
        "data: [DONE]", "");
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(GAP, lines));
        Gateway g = Gateway.builder().model("default", streaming(server.url())
            .structuredOutput(StructuredMode.TOOL).build()).build()) {
      assertThat(g.llm("default").ask(Prompt.user("w"), Weather.class, "k")).isEqualTo(new Weather("Oslo", 4));
      // No usage chunk (a server that ignores stream_options): tokens are counted instead.
      assertThat(g.meter().total().promptTokens()).isPositive();
    }
  }

  @Test
  void anthropic_toolInputDeltasAndUsage() {
    List<String> lines = List.of(
        "event: message_start", "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}", "",
        "event: ping", "data: {\"type\":\"ping\"}", "",
        "event: content_block_start", "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Weather\",\"input\":{}}}", "",
        "event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Ber\"}}", "",
        "event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"input_json_delta\",\"partial_json\":\"gen\\\", \\\"temperature\\\": 9}\"}}", "",
        "event: content_block_stop", "data: {\"type\":\"content_block_stop\",\"index\":0}", "",
        "event: message_delta", "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
            + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}", "",
        "event: message_stop", "data: {\"type\":\"message_stop\"}", "");
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(GAP, lines));
        Gateway g = Gateway.builder().model("default", ModelConfig.anthropic("claude-test", "sk-ant")
            .baseUrl(server.url()).stream(true).build()).build()) {
      assertThat(g.llm("default").ask(Prompt.user("w"), Weather.class, "k")).isEqualTo(new Weather("Bergen", 9));
      assertThat(server.requests().get(0).json().path("stream").asBoolean()).isTrue();
      Usage u = g.meter().total();
      assertThat(u.promptTokens()).isEqualTo(12);
      assertThat(u.completionTokens()).isEqualTo(9);
    }
  }

  @Test
  void anthropic_text() {
    List<String> lines = List.of(
        "event: message_start", "data: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-test\","
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}", "",
        "event: content_block_start", "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}", "",
        "event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":\"Hi \"}}", "",
        "event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":\"there\"}}", "",
        "event: message_delta", "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
            + "\"usage\":{\"output_tokens\":2}}", "",
        "event: message_stop", "data: {\"type\":\"message_stop\"}", "");
    try (StubServer server = StubServer.start(r -> StubServer.Reply.sse(GAP, lines));
        Gateway g = Gateway.builder().model("default", ModelConfig.anthropic("claude-test", "sk-ant")
            .baseUrl(server.url()).stream(true).build()).build()) {
      Choice c = g.llm("default").completion(Prompt.user("hi"), "k");
      assertThat(c.text()).isEqualTo("Hi there");
      assertThat(c.truncated()).isTrue();
    }
  }

  @Test
  void aStalledStream_isRetried() {
    AtomicInteger n = new AtomicInteger();
    try (StubServer server = StubServer.start(r -> n.getAndIncrement() == 0
        ? new StubServer.Reply(200, Map.of("Content-Type", "text/event-stream"), List.of(
            new StubServer.Chunk(Duration.ZERO, (OPENAI_TEXT.get(0) + "\n\n").getBytes(StandardCharsets.UTF_8)),
            new StubServer.Chunk(Duration.ofSeconds(20), "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8))))
        : StubServer.Reply.sse(GAP, OPENAI_TEXT));
        Gateway g = Gateway.builder().model("default", streaming(server.url()).stallTimeoutSeconds(1).build())
            .build()) {
      assertThat(g.llm("default").text(Prompt.user("hi"), "k")).isEqualTo("Hello, world");
      assertThat(server.requests()).hasSize(2);
      assertThat(g.meter().total().retries()).isEqualTo(1);
    }
  }

  @Test
  void anErrorEventOrAnEarlyEnd_isRetried() {
    AtomicInteger n = new AtomicInteger();
    List<String> overloaded = List.of("event: error", "data: {\"type\":\"error\",\"error\":{\"type\":"
        + "\"overloaded_error\",\"message\":\"Overloaded\"}}", "");
    try (StubServer server = StubServer.start(r -> switch (n.getAndIncrement()) {
      case 0 -> StubServer.Reply.sse(GAP, OPENAI_TEXT.subList(0, 4)); // ends before [DONE]
      case 1 -> StubServer.Reply.sse(GAP, overloaded);
      default -> StubServer.Reply.sse(GAP, OPENAI_TEXT);
    });
        Gateway g = Gateway.builder().model("default", streaming(server.url()).build()).build()) {
      assertThat(g.llm("default").text(Prompt.user("hi"), "k")).isEqualTo("Hello, world");
      assertThat(server.requests()).hasSize(3);
      assertThat(g.meter().total().retries()).isEqualTo(2);
    }
  }
}
