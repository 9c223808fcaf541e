package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Choice;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Sampling;
import io.synthkit.spi.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two wire protocols, without a server: where requests go, how bodies are encoded and how replies are read. */
class AdaptersTest {

  private static final OpenAiAdapter OPENAI = new OpenAiAdapter();
  private static final AnthropicAdapter ANTHROPIC = new AnthropicAdapter();
  private static final Prompt CHAT = new Prompt(List.of(ChatMessage.system("be brief"), ChatMessage.user("first"),
      ChatMessage.assistant("reply"), ChatMessage.user("second")));
  private static final Schema SCHEMA = Schema.json("answer", (ObjectNode) Json.parse(
      "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\"}}}"));

  private static ChatRequest request(Sampling s, Schema schema, StructuredMode mode, int n) {
    return new ChatRequest("m-1", CHAT, s, schema, mode, n, Map.of("top_k", 40), null);
  }

  @Test
  void uris_defaultToTheProvider_andTakeABaseWithOrWithoutSlash() {
    assertThat(OPENAI.chatUri(null)).hasToString("https://api.openai.com/v1/chat/completions");
    assertThat(OPENAI.chatUri(" ")).hasToString("https://api.openai.com/v1/chat/completions");
    assertThat(OPENAI.chatUri(" http://h:8000/v1/ ")).hasToString("http://h:8000/v1/chat/completions");
    assertThat(ANTHROPIC.chatUri(null)).hasToString("https://api.anthropic.com/v1/messages");
    assertThat(ANTHROPIC.chatUri("")).hasToString("https://api.anthropic.com/v1/messages");
    assertThat(ANTHROPIC.chatUri("http://proxy/v1/")).hasToString("http://proxy/v1/messages");
    assertThat(ANTHROPIC.chatUri("http://proxy/")).hasToString("http://proxy/v1/messages");
  }

  @Test
  void headers_carryTheKeyOnlyWhenThereIsOne() {
    assertThat(OPENAI.headers(" sk-x ")).containsExactly(Map.entry("Content-Type", "application/json"),
        Map.entry("Authorization", "Bearer sk-x"));
    assertThat(OPENAI.headers(" ")).containsOnlyKeys("Content-Type");
    assertThat(OPENAI.headers(null)).containsOnlyKeys("Content-Type");
    assertThat(ANTHROPIC.headers(" sk-ant ")).containsExactly(Map.entry("Content-Type", "application/json"),
        Map.entry("anthropic-version", "2023-06-01"), Map.entry("x-api-key", "sk-ant"));
    assertThat(ANTHROPIC.headers("")).containsOnlyKeys("Content-Type", "anthropic-version");
    assertThat(ANTHROPIC.headers(null)).containsOnlyKeys("Content-Type", "anthropic-version");
  }

  @Test
  void modes_resolveToWhatEachProtocolHas() {
    assertThat(OPENAI.resolve(StructuredMode.AUTO)).isEqualTo(StructuredMode.JSON_SCHEMA);
    for (StructuredMode m : List.of(StructuredMode.JSON_SCHEMA, StructuredMode.TOOL, StructuredMode.JSON_OBJECT,
        StructuredMode.PROMPT)) {
      assertThat(OPENAI.resolve(m)).isEqualTo(m);
    }
    assertThat(ANTHROPIC.resolve(StructuredMode.AUTO)).isEqualTo(StructuredMode.TOOL);
    assertThat(ANTHROPIC.resolve(StructuredMode.JSON_SCHEMA)).isEqualTo(StructuredMode.TOOL);
    assertThat(ANTHROPIC.resolve(StructuredMode.TOOL)).isEqualTo(StructuredMode.TOOL);
    assertThat(ANTHROPIC.resolve(StructuredMode.JSON_OBJECT)).isEqualTo(StructuredMode.PROMPT);
    assertThat(ANTHROPIC.resolve(StructuredMode.PROMPT)).isEqualTo(StructuredMode.PROMPT);
    assertThat(OPENAI.supportsN()).isTrue();
    assertThat(ANTHROPIC.supportsN()).isFalse();
    assertThat(OPENAI.api()).isEqualTo("openai");
    assertThat(ANTHROPIC.api()).isEqualTo("anthropic");
  }

  @Test
  void openAiBody_sendsEverySettingThatIsSet() {
    ObjectNode body = OPENAI.body(request(new Sampling(0.3, 0.9, 100, 7L, List.of("END", "STOP")), SCHEMA,
        StructuredMode.JSON_SCHEMA, 3));
    assertThat(Json.write(body)).as("seed is a long").isEqualTo(Json.write(Json.parse("{\"model\": \"m-1\","
        + " \"messages\": [{\"role\": \"system\", \"content\":"
        + " \"be brief\"}, {\"role\": \"user\", \"content\": \"first\"}, {\"role\": \"assistant\", \"content\":"
        + " \"reply\"}, {\"role\": \"user\", \"content\": \"second\"}], \"temperature\": 0.3, \"top_p\": 0.9,"
        + " \"max_tokens\": 100, \"seed\": 7, \"stop\": [\"END\", \"STOP\"], \"n\": 3, \"response_format\":"
        + " {\"type\": \"json_schema\", \"json_schema\": {\"name\": \"answer\", \"strict\": true, \"schema\": "
        + Json.write(SCHEMA.json()) + "}}, \"top_k\": 40}")));
    ObjectNode plain = OPENAI.body(new ChatRequest("m-1", Prompt.user("hi"), new Sampling(null, null, null, null,
        List.of()), null, StructuredMode.JSON_SCHEMA, 1, Map.of(), "low"));
    assertThat(plain).isEqualTo(Json.parse("{\"model\": \"m-1\", \"messages\": [{\"role\": \"user\", \"content\":"
        + " \"hi\"}], \"reasoning_effort\": \"low\"}"));
  }

  @Test
  void openAiBody_asksForJsonAsTheModeSays() {
    Sampling none = Sampling.NONE;
    assertThat(OPENAI.body(request(none, SCHEMA, StructuredMode.JSON_OBJECT, 1)).path("response_format"))
        .isEqualTo(Json.parse("{\"type\": \"json_object\"}"));
    ObjectNode tool = OPENAI.body(request(none, SCHEMA, StructuredMode.TOOL, 1));
    assertThat(tool.path("tools")).isEqualTo(Json.parse("[{\"type\": \"function\", \"function\": {\"name\":"
        + " \"answer\", \"description\": \"Return the result in this structure.\", \"strict\": true,"
        + " \"parameters\": " + Json.write(SCHEMA.json()) + "}}]"));
    assertThat(tool.path("tool_choice")).isEqualTo(Json.parse("{\"type\": \"function\", \"function\": {\"name\":"
        + " \"answer\"}}"));
    ObjectNode prompt = OPENAI.body(request(none, SCHEMA, StructuredMode.PROMPT, 1));
    assertThat(prompt.has("response_format") || prompt.has("tools")).isFalse();
  }

  @Test
  void anthropicBody_movesTheSystemPrompt_capsTemperature_andPrefersItToTopP() {
    ObjectNode body = ANTHROPIC.body(request(new Sampling(1.5, 0.9, 100, 7L, List.of("END")), SCHEMA,
        StructuredMode.TOOL, 1));
    assertThat(body).isEqualTo(Json.parse("{\"model\": \"m-1\", \"max_tokens\": 100, \"system\": \"be brief\","
        + " \"messages\": [{\"role\": \"user\", \"content\": \"first\"}, {\"role\": \"assistant\", \"content\":"
        + " \"reply\"}, {\"role\": \"user\", \"content\": \"second\"}], \"temperature\": 1.0, \"stop_sequences\":"
        + " [\"END\"], \"tools\": [{\"name\": \"answer\", \"description\": \"Return the result in this structure.\","
        + " \"input_schema\": " + Json.write(SCHEMA.json()) + "}], \"tool_choice\": {\"type\": \"tool\", \"name\":"
        + " \"answer\"}, \"top_k\": 40}"));
    ObjectNode plain = ANTHROPIC.body(new ChatRequest("m-1", Prompt.user("hi"), new Sampling(0.5, 0.9, null, null,
        List.of()), SCHEMA, StructuredMode.PROMPT, 1, Map.of(), null));
    assertThat(plain).isEqualTo(Json.parse("{\"model\": \"m-1\", \"max_tokens\": 4096, \"messages\": [{\"role\":"
        + " \"user\", \"content\": \"hi\"}], \"temperature\": 0.5}"));
    ObjectNode topP = ANTHROPIC.body(new ChatRequest("m-1", Prompt.user("hi"), new Sampling(null, 0.9, null, null,
        null), null, StructuredMode.TOOL, 1, Map.of(), null));
    assertThat(topP.path("top_p").asDouble()).isEqualTo(0.9);
    assertThat(topP.has("tools")).isFalse();
  }

  @Test
  void anthropicPromptCache_marksTheSystemPromptAndTheMessageBeforeTheLast() {
    ObjectNode body = ANTHROPIC.body(request(Sampling.NONE, null, StructuredMode.PROMPT, 1));
    ANTHROPIC.markPromptCache(body);
    assertThat(body.path("system")).isEqualTo(Json.parse("[{\"type\": \"text\", \"text\": \"be brief\","
        + " \"cache_control\": {\"type\": \"ephemeral\"}}]"));
    assertThat(body.path("messages").get(1).path("content")).isEqualTo(Json.parse("[{\"type\": \"text\", \"text\":"
        + " \"reply\", \"cache_control\": {\"type\": \"ephemeral\"}}]"));
    assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("first");
    assertThat(body.path("messages").get(2).path("content").asText()).isEqualTo("second");
    ObjectNode one = ANTHROPIC.body(new ChatRequest("m", Prompt.user("only"), Sampling.NONE, null,
        StructuredMode.PROMPT, 1, Map.of(), null));
    ANTHROPIC.markPromptCache(one);
    assertThat(one).isEqualTo(ANTHROPIC.body(new ChatRequest("m", Prompt.user("only"), Sampling.NONE, null,
        StructuredMode.PROMPT, 1, Map.of(), null)));
    ObjectNode empty = ANTHROPIC.body(new ChatRequest("m", new Prompt(List.of(ChatMessage.user(""),
        ChatMessage.user("next"))), Sampling.NONE, null, StructuredMode.PROMPT, 1, Map.of(), null));
    ANTHROPIC.markPromptCache(empty);
    assertThat(empty.path("messages").get(0).path("content").isTextual()).as("an empty text is not marked").isTrue();
    ObjectNode openAi = OPENAI.body(request(Sampling.NONE, null, StructuredMode.PROMPT, 1));
    ObjectNode before = openAi.deepCopy();
    OPENAI.markPromptCache(openAi);
    assertThat(openAi).isEqualTo(before);
  }

  @Test
  void streaming_isAskedForWithUsageOnOpenAi() {
    ObjectNode o = Json.object();
    OPENAI.requestStream(o);
    assertThat(o).isEqualTo(Json.parse("{\"stream\": true, \"stream_options\": {\"include_usage\": true}}"));
    ObjectNode a = Json.object();
    ANTHROPIC.requestStream(a);
    assertThat(a).isEqualTo(Json.parse("{\"stream\": true}"));
    assertThat(OPENAI.assembler()).isInstanceOf(OpenAiStream.class);
    assertThat(ANTHROPIC.assembler()).isInstanceOf(AnthropicStream.class);
  }

  @Test
  void openAiProblem_namesWhatIsMissing() {
    assertThat(OPENAI.problem(null)).isEqualTo("an empty body");
    assertThat(OPENAI.problem(Json.MAPPER.missingNode())).isEqualTo("an empty body");
    assertThat(OPENAI.problem(Json.parse("[]"))).isEqualTo("a body that is not a chat completion");
    assertThat(OPENAI.problem(Json.parse("{}"))).isEqualTo("a reply without choices");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": []}"))).isEqualTo("a reply without choices");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": {}}"))).isEqualTo("a reply without choices");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": [{\"index\": 0}]}"))).isEqualTo("a choice without a message");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": null}}]}")))
        .isEqualTo("a choice without an answer");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": [{\"message\": {\"tool_calls\": []}}]}")))
        .isEqualTo("a choice without an answer");
    assertThat(OPENAI.problem(Json.parse("{\"choices\": [{\"message\": {\"content\": \"ok\"}}, {\"message\": {}}]}")))
        .as("every choice").isEqualTo("a choice without an answer");
    for (String fine : new String[] {"{\"message\": {\"content\": \"\"}}",
        "{\"message\": {\"tool_calls\": [{\"function\": {}}]}}", "{\"message\": {\"refusal\": \"no\"}}",
        "{\"message\": {}, \"finish_reason\": \"content_filter\"}", "{\"message\": {}, \"finish_reason\": \"length\"}"}) {
      assertThat(OPENAI.problem(Json.parse("{\"choices\": [" + fine + "]}"))).as(fine).isNull();
    }
    assertThat(OPENAI.problem(Json.parse("{\"choices\": [{\"message\": {}, \"finish_reason\": \"stop\"}]}")))
        .isEqualTo("a choice without an answer");
  }

  @Test
  void anthropicProblem_namesWhatIsMissing() {
    assertThat(ANTHROPIC.problem(null)).isEqualTo("an empty body");
    assertThat(ANTHROPIC.problem(Json.MAPPER.missingNode())).isEqualTo("an empty body");
    assertThat(ANTHROPIC.problem(Json.parse("\"text\""))).isEqualTo("a body that is not a message");
    assertThat(ANTHROPIC.problem(Json.parse("{\"content\": \"x\"}"))).isEqualTo("a reply without content");
    assertThat(ANTHROPIC.problem(Json.parse("{\"content\": []}"))).isNull();
  }

  @Test
  void openAiParse_readsChoicesToolArgumentsAndUsage() {
    ChatRequest req = request(Sampling.NONE, SCHEMA, StructuredMode.TOOL, 2);
    ChatResult r = OPENAI.parse(Json.parse("{\"model\": \"served\", \"choices\": [{\"message\": {\"content\":"
        + " \"one\"}, \"finish_reason\": \"length\"}, {\"message\": {\"content\": null, \"tool_calls\": [{\"function\":"
        + " {\"arguments\": \"{\\\"a\\\": 1}\"}}]}}], \"usage\": {\"prompt_tokens\": 50, \"completion_tokens\": 20,"
        + " \"completion_tokens_details\": {\"reasoning_tokens\": 5}, \"prompt_tokens_details\": {\"cached_tokens\":"
        + " 30}}}"), req);
    assertThat(r.model()).isEqualTo("served");
    assertThat(r.choices()).containsExactly(new Choice("one", "length"), new Choice("{\"a\": 1}", "stop"));
    assertThat(r.usage()).isEqualTo(new TokenUsage(50, 20, 5, false, 30, 0));
    assertThat(r.simulated()).isFalse();
    assertThat(r.asSimulated().simulated()).isTrue();
    assertThat(r.first()).isEqualTo(new Choice("one", "length"));
    ChatResult counted = OPENAI.parse(Json.parse("{\"choices\": [{\"message\": {\"content\": \"hello there\"}}],"
        + " \"usage\": {}}"), req);
    assertThat(counted.model()).isEqualTo("m-1");
    assertThat(counted.usage()).isEqualTo(new TokenUsage(Tokens.count(CHAT), Tokens.count("hello there"), true));
    ChatResult minimal = OPENAI.parse(Json.parse("{\"choices\": [{\"message\": {\"content\": \"x\"}}], \"usage\":"
        + " {\"prompt_tokens\": 3, \"completion_tokens\": 1}}"), req);
    assertThat(minimal.usage()).isEqualTo(new TokenUsage(3, 1, 0, false, 0, 0));
    assertThatThrownBy(() -> OPENAI.parse(Json.parse("{\"choices\": []}"), req).first())
        .hasMessage("the server returned no choices");
  }

  @Test
  void anthropicParse_readsTextOrToolInput_stopReasonAndCacheUsage() {
    ChatRequest req = request(Sampling.NONE, SCHEMA, StructuredMode.TOOL, 1);
    ChatResult tool = ANTHROPIC.parse(Json.parse("{\"model\": \"claude-x\", \"content\": [{\"type\": \"text\","
        + " \"text\": \"thinking \"}, {\"type\": \"tool_use\", \"input\": {\"a\": \"b\"}}, {\"type\": \"other\"}],"
        + " \"stop_reason\": \"tool_use\", \"usage\": {\"input_tokens\": 10, \"output_tokens\": 4,"
        + " \"cache_read_input_tokens\": 100, \"cache_creation_input_tokens\": 20}}"), req);
    assertThat(tool.model()).isEqualTo("claude-x");
    assertThat(tool.choices()).containsExactly(new Choice("{\"a\":\"b\"}", "tool_calls"));
    assertThat(tool.usage()).isEqualTo(new TokenUsage(130, 4, 0, false, 100, 20));
    ChatResult text = ANTHROPIC.parse(Json.parse("{\"content\": [{\"type\": \"text\", \"text\": \"a\"}, {\"type\":"
        + " \"text\", \"text\": \"b\"}], \"stop_reason\": \"max_tokens\", \"usage\": {\"input_tokens\": 10,"
        + " \"output_tokens\": 4}}"), req);
    assertThat(text.model()).isEqualTo("m-1");
    assertThat(text.choices()).containsExactly(new Choice("ab", "length"));
    assertThat(text.usage()).isEqualTo(new TokenUsage(10, 4, 0, false, 0, 0));
    for (String[] stop : new String[][] {{"end_turn", "stop"}, {"stop_sequence", "stop"}, {"refusal", "refusal"}}) {
      assertThat(ANTHROPIC.parse(Json.parse("{\"content\": [], \"stop_reason\": \"" + stop[0] + "\"}"), req).first()
          .finishReason()).isEqualTo(stop[1]);
    }
    ChatResult counted = ANTHROPIC.parse(Json.parse("{\"content\": [{\"type\": \"text\", \"text\": \"hello there\"}]}"),
        req);
    assertThat(counted.first().finishReason()).isEqualTo("stop");
    assertThat(counted.usage()).isEqualTo(new TokenUsage(Tokens.count(CHAT), Tokens.count("hello there"), true));
  }

  @Test
  void chatRequest_needsAtLeastOneChoice() {
    ChatRequest one = request(Sampling.NONE, null, StructuredMode.PROMPT, 1);
    assertThat(one.withN(4).n()).isEqualTo(4);
    assertThat(one.withN(4).withN(1)).isEqualTo(one);
    assertThatThrownBy(() -> one.withN(0)).hasMessage("n must be at least 1: 0");
    assertThat(new ChatRequest("m", CHAT, Sampling.NONE, null, StructuredMode.PROMPT, 1, null, null).extraBody())
        .isEmpty();
  }

  @Test
  void tokens_countEachMessageWithItsOverhead() {
    assertThat(Tokens.count((String) null)).isZero();
    assertThat(Tokens.count("")).isZero();
    assertThat(Tokens.ids("")).isEmpty();
    assertThat(Tokens.ids(null)).isEmpty();
    assertThat(Tokens.ids("hello world")).hasSize(Tokens.count("hello world")).hasSizeGreaterThan(1);
    assertThat(Tokens.count(Prompt.user("hello world"))).isEqualTo(3 + 4 + Tokens.count("hello world"));
    assertThat(Tokens.count(CHAT)).isEqualTo(3 + 4 * 4 + Tokens.count("be brief") + Tokens.count("first")
        + Tokens.count("reply") + Tokens.count("second"));
    assertThat(Tokens.countAtMost(CHAT, Tokens.count(CHAT))).isEqualTo(Tokens.count(CHAT));
    assertThat(Tokens.countAtMost(CHAT, 3 + 4)).as("stops after the first message").isEqualTo(3 + 4
        + Tokens.count("be brief"));
    assertThat(Tokens.countAtMost(CHAT, 3)).as("over before a word is read").isEqualTo(3 + 4);
  }

  @Test
  void countAtMost_neverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    // A high surrogate right at the end of the first 65,536-character slice.
    String text = "a".repeat((1 << 16) - 1) + emoji + " end";
    Prompt p = Prompt.user(text);
    long sliced = Tokens.countAtMost(p, Long.MAX_VALUE);
    long whole = Tokens.count(p);
    assertThat(Math.abs(sliced - whole)).as("off by at most the token split at the slice").isLessThanOrEqualTo(1);
    String split = text.substring(0, 1 << 16);
    long naive = 3 + 4 + Tokens.count(split) + Tokens.count(text.substring(1 << 16));
    assertThat(sliced).as("a lone surrogate would count as its own tokens").isNotEqualTo(naive);
  }
}
