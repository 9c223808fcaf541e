package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.StubServer;
import io.synthkit.json.Json;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parameter rules learned from real error bodies over real HTTP: a 400 that names a parameter is fixed once per
 * endpoint and model, and the fix reaches every call, those already in flight included.
 */
@Timeout(60)
class AdaptationTest {

  record Weather(@JsonPropertyDescription("city name") String city, int temperature) {}

  private final List<Adaptation> heard = new CopyOnWriteArrayList<>();
  private final GatewayListener listener = new GatewayListener() {
    @Override
    public void adapted(Adaptation a) {
      heard.add(a);
    }
  };

  private Gateway gateway(ModelConfig config) {
    return Gateway.builder().model("default", config).listener(listener).build();
  }

  @Test
  void maxTokens_renamedForEveryCallInFlight() throws Exception {
    int calls = 64;
    CountDownLatch allInFlight = new CountDownLatch(calls);
    try (StubServer server = StubServer.start(r -> {
      if (r.json().has("max_tokens")) {
        allInFlight.countDown();
        // Answer only once every call is in flight with the old shape: none may have learned the fix before sending.
        allInFlight.await(30, TimeUnit.SECONDS);
        return Wire.maxTokensUnsupported();
      }
      return Wire.chat("ok " + r.json().path("messages").get(0).path("content").asText());
    });
        Gateway g = gateway(Wire.openAi(server.url()).maxConcurrency(calls).build())) {
      List<String> texts = new ArrayList<>();
      try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          int n = i;
          futures.add(exec.submit(() -> g.llm("default").text(Prompt.user("q" + n), "k" + n)));
        }
        for (Future<String> f : futures) {
          texts.add(f.get());
        }
      }
      assertThat(texts).hasSize(calls).allSatisfy(t -> assertThat(t).startsWith("ok q"));
      List<JsonNode> bodies = server.requests().stream().map(StubServer.Seen::json).toList();
      assertThat(bodies.stream().filter(b -> b.has("max_tokens"))).hasSize(calls);
      // 256 for the answer and 1024 more for the hidden reasoning (ParamRules.withReasoningRoom)
      assertThat(bodies.stream().filter(b -> b.path("max_completion_tokens").asInt() == 256 + 1024)).hasSize(calls);
      assertThat(heard).singleElement().satisfies(a -> {
        assertThat(a.param()).isEqualTo("max_tokens");
        assertThat(a.fix()).isEqualTo("rename:max_completion_tokens");
        assertThat(a.model()).isEqualTo("gpt-5-mini");
        assertThat(a.reason()).contains("Use 'max_completion_tokens' instead");
      });
      assertThat(g.adaptations()).containsExactlyElementsOf(heard);
      Usage u = g.meter().total();
      assertThat(u.calls()).isEqualTo(calls);
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(server.requests().size());
    }
  }

  @Test
  void maxConcurrencyOne_sendsTheCorrectedRequest_andDropsAnUnsupportedTemperature() {
    try (StubServer server = StubServer.start(r -> {
      JsonNode b = r.json();
      if (b.has("max_tokens")) {
        return Wire.maxTokensUnsupported();
      }
      if (b.has("temperature") && b.get("temperature").asDouble() != 1.0) {
        return Wire.temperatureUnsupported(b.get("temperature").asText());
      }
      return Wire.chat(List.of("fine"), 20, 50, 40);
    });
        Gateway g = gateway(Wire.openAi(server.url()).maxConcurrency(1).price(1.0, 10.0).build())) {
      assertThat(g.llm("default").text(Prompt.user("a"), "k1")).isEqualTo("fine");
      List<JsonNode> sent = server.requests().stream().map(StubServer.Seen::json).toList();
      assertThat(sent).hasSize(3);
      assertThat(sent.get(0).has("max_tokens")).isTrue();
      assertThat(sent.get(1).path("max_completion_tokens").asInt()).isEqualTo(256 + 1024);
      assertThat(sent.get(1).path("temperature").asDouble()).isEqualTo(0.5);
      assertThat(sent.get(2).has("temperature")).isFalse();
      assertThat(sent.get(2).has("max_tokens")).isFalse();

      assertThat(g.llm("default").text(Prompt.user("b"), "k2")).isEqualTo("fine");
      assertThat(server.requests()).hasSize(4); // the second call goes right the first time
      assertThat(heard).extracting(Adaptation::param, Adaptation::fix).containsExactly(
          org.assertj.core.groups.Tuple.tuple("max_tokens", "rename:max_completion_tokens"),
          org.assertj.core.groups.Tuple.tuple("temperature", "drop"));
      Usage u = g.meter().total();
      assertThat(u.reasoningTokens()).isEqualTo(80);
      assertThat(u.completionTokens()).isEqualTo(100);
      assertThat(u.costUsd()).isCloseTo((40 * 1.0 + 100 * 10.0) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void reasoningRoom_growsWithTheEffort_andIsNeverBelowTheFloor() {
    assertThat(ParamRules.withReasoningRoom(256, "medium")).isEqualTo(256 + 1024);
    assertThat(ParamRules.withReasoningRoom(1000, "medium")).isEqualTo(1000 + 4000);
    assertThat(ParamRules.withReasoningRoom(1000, "low")).isEqualTo(1000 + 2000);
    assertThat(ParamRules.withReasoningRoom(1000, "high")).isEqualTo(1000 + 8000);
    assertThat(ParamRules.withReasoningRoom(1000, "none")).isEqualTo(1000);
    ObjectNode body = Json.object().put("model", "o3").put("max_tokens", 2000).put("reasoning_effort", "low");
    ObjectNode sent = ParamRules.NONE.with(new ParamRules.Rename("max_tokens", "max_completion_tokens")).apply(body);
    assertThat(sent.has("max_tokens")).isFalse();
    assertThat(sent.path("max_completion_tokens").asLong()).isEqualTo(2000 + 4000);
  }

  @Test
  void maxTokens_cappedAtTheMaximumTheServerStates() {
    try (StubServer server = StubServer.start(r -> r.json().path("max_tokens").asInt() > 16384
        ? Wire.openAiError(400, "max_tokens is too large: 100000. This model supports at most 16384 completion"
            + " tokens, whereas you provided 100000.", "max_tokens", "invalid_value")
        : Wire.chat("capped"));
        Gateway g = gateway(Wire.openAi(server.url()).maxTokens(100_000).build())) {
      assertThat(g.llm("default").text(Prompt.user("a"), "k")).isEqualTo("capped");
      assertThat(server.requests().get(1).json().path("max_tokens").asInt()).isEqualTo(16384);
      assertThat(heard).singleElement().extracting(Adaptation::fix).isEqualTo("cap:16384");
    }
  }

  @Test
  void anthropicMaxTokens_cappedFromItsMessage() {
    try (StubServer server = StubServer.start(r -> r.json().path("max_tokens").asInt() > 64000
        ? Wire.anthropicError(400, "invalid_request_error", "max_tokens: 100000 > 64000, which is the maximum allowed"
            + " number of output tokens for claude-sonnet-4-5-20250929")
        : Wire.message("capped", 12, 3));
        Gateway g = gateway(ModelConfig.anthropic("claude-sonnet-4-5", "sk-ant").baseUrl(server.url())
            .maxTokens(100_000).build())) {
      assertThat(g.llm("default").text(Prompt.user("a"), "k")).isEqualTo("capped");
      assertThat(server.requests().get(1).json().path("max_tokens").asInt()).isEqualTo(64000);
      assertThat(heard).singleElement().satisfies(a -> {
        assertThat(a.api()).isEqualTo("anthropic");
        assertThat(a.fix()).isEqualTo("cap:64000");
      });
    }
  }

  @Test
  void refusedJsonSchema_fallsBackToJsonObjectOnce() {
    try (StubServer server = StubServer.start(r -> "json_schema".equals(r.json().path("response_format")
        .path("type").asText())
        ? Wire.openAiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with"
            + " this model.", "response_format", null)
        : Wire.chat("{\"city\": \"Oslo\", \"temperature\": 3}"));
        Gateway g = gateway(Wire.openAi(server.url()).build())) {
      assertThat(g.llm("default").ask(Prompt.user("w"), Weather.class, "k1")).isEqualTo(new Weather("Oslo", 3));
      assertThat(g.llm("default").ask(Prompt.user("w2"), Weather.class, "k2")).isEqualTo(new Weather("Oslo", 3));
      List<JsonNode> sent = server.requests().stream().map(StubServer.Seen::json).toList();
      assertThat(sent).hasSize(3);
      assertThat(sent.get(1).path("response_format").path("type").asText()).isEqualTo("json_object");
      assertThat(sent.get(1).toString()).contains("temperature"); // the schema travels in the prompt now
      assertThat(heard).singleElement().satisfies(a -> {
        assertThat(a.param()).isEqualTo("response_format");
        assertThat(a.fix()).isEqualTo("mode:json_object");
      });
    }
  }

  @Test
  void refusedTools_lowerTheToolModeToJsonObjectOnce() {
    try (StubServer server = StubServer.start(r -> r.json().has("tools")
        ? Wire.openAiError(400, "tools is not supported in this model.", "tools", null)
        : Wire.chat("{\"city\": \"Oslo\", \"temperature\": 3}"));
        Gateway g = gateway(Wire.openAi(server.url()).structuredOutput(StructuredMode.TOOL).build())) {
      assertThat(g.llm("default").ask(Prompt.user("w"), Weather.class, "k1")).isEqualTo(new Weather("Oslo", 3));
      assertThat(g.llm("default").ask(Prompt.user("w2"), Weather.class, "k2")).isEqualTo(new Weather("Oslo", 3));
      List<JsonNode> sent = server.requests().stream().map(StubServer.Seen::json).toList();
      assertThat(sent).hasSize(3); // one refusal, then both calls in the lower mode
      assertThat(sent.get(0).has("tools")).isTrue();
      assertThat(sent.subList(1, 3)).allSatisfy(b -> {
        assertThat(b.has("tools")).isFalse();
        assertThat(b.has("tool_choice")).isFalse();
        assertThat(b.path("response_format").path("type").asText()).isEqualTo("json_object");
      });
      assertThat(heard).singleElement().satisfies(a -> {
        assertThat(a.param()).isEqualTo("tools");
        assertThat(a.fix()).isEqualTo("mode:json_object");
      });
    }
  }

  @Test
  void reasoningEffort_isSentAsConfigured_andSizesTheRoomForReasoning() {
    try (StubServer server = StubServer.start(r -> r.json().has("max_tokens") ? Wire.maxTokensUnsupported()
        : Wire.chat(List.of("fine"), 20, 300, 250));
        Gateway g = gateway(Wire.openAi(server.url()).reasoningEffort("high").build())) {
      assertThat(g.llm("default").text(Prompt.user("a"), "k")).isEqualTo("fine");
      List<JsonNode> sent = server.requests().stream().map(StubServer.Seen::json).toList();
      assertThat(sent).hasSize(2).allSatisfy(b -> assertThat(b.path("reasoning_effort").asText()).isEqualTo("high"));
      // high effort: eight times the 256-token answer budget on top of it (medium would add 1,024)
      assertThat(sent.get(1).path("max_completion_tokens").asInt()).isEqualTo(256 + 8 * 256);
      assertThat(g.meter().total().reasoningTokens()).isEqualTo(250);
    }
    try (StubServer server = StubServer.start(r -> Wire.chat("fine"));
        Gateway g = gateway(Wire.openAi(server.url()).build())) {
      g.llm("default").text(Prompt.user("a"), "k");
      assertThat(server.requests().get(0).json().has("reasoning_effort")).as("not set, not sent").isFalse();
    }
  }

  @Test
  void aRequestNoFixMakesAcceptable_isAnEndpointError() {
    try (StubServer server = StubServer.start(r -> Wire.temperatureUnsupported("0.5"));
        Gateway g = gateway(Wire.openAi(server.url()).build())) {
      // The first 400 drops temperature; the server still names it, and there is nothing left to fix.
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("a"), "k"))
          .isInstanceOf(EndpointException.class).hasMessageContaining("the request was rejected by")
          .hasMessageContaining("Unsupported value: 'temperature'");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void aRefusedItem_failsThatCallOnly() {
    try (StubServer server = StubServer.start(r -> r.text().contains("forbidden")
        ? Wire.openAiError(400, "Invalid prompt: your prompt was flagged as potentially violating our usage policy.",
            null, "invalid_prompt")
        : Wire.chat("fine"));
        Gateway g = gateway(Wire.openAi(server.url()).build())) {
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("forbidden"), "k1"))
          .isInstanceOfSatisfying(CallFailedException.class, e -> assertThat(e.lastError()).startsWith("refused:"));
      assertThat(g.llm("default").text(Prompt.user("fine"), "k2")).isEqualTo("fine");
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void earlierAdaptations_applyFromTheFirstCall() {
    Adaptation learned = new Adaptation("openai", "gpt-5-mini", "max_tokens", "rename:max_completion_tokens",
        "HTTP 400", "earlier");
    try (StubServer server = StubServer.start(r -> r.json().has("max_tokens") ? Wire.maxTokensUnsupported()
        : Wire.chat("fine"));
        Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).listener(listener)
            .learned(List.of(learned)).build()) {
      assertThat(g.llm("default").text(Prompt.user("a"), "k")).isEqualTo("fine");
      assertThat(server.requests()).hasSize(1);
      assertThat(heard).isEmpty();
      assertThat(g.adaptations()).containsExactly(learned);
    }
  }

  @Test
  void cachedReplies_areFoundWhateverTheEndpointLearnedSince() {
    Map<String, JsonNode> store = new ConcurrentHashMap<>();
    ResponseCache cache = new ResponseCache() {
      @Override
      public Optional<ChatResult> get(String key) {
        return Optional.ofNullable(store.get(key)).map(n -> Json.convert(n, ChatResult.class));
      }

      @Override
      public void put(String key, Entry entry) {
        store.put(key, Json.tree(entry.result()));
      }
    };
    try (StubServer server = StubServer.start(r -> r.json().has("max_tokens") ? Wire.maxTokensUnsupported()
        : Wire.chat("fine"))) {
      try (Gateway g = Gateway.builder().model("default", Wire.openAi(server.url()).build()).cache(cache).build()) {
        g.llm("default").text(Prompt.user("a"), "k");
      }
      try (Gateway fresh = Gateway.builder().model("default", Wire.openAi(server.url()).build()).cache(cache)
          .build()) {
        assertThat(fresh.llm("default").text(Prompt.user("a"), "k")).isEqualTo("fine");
        assertThat(fresh.meter().total().cacheHits()).isEqualTo(1);
      }
      assertThat(server.requests()).hasSize(2);
    }
  }

  @Test
  void badRequest_namesTheParameterFromParamOrMessage() {
    com.fasterxml.jackson.databind.node.ObjectNode sent = Json.object().put("model", "m").put("top_p", 0.9)
        .put("top_k", 40).put("max_tokens", 10);
    assertThat(BadRequest.named(new ErrorBody("x", "", "response_format.json_schema.name", ""), sent))
        .isEqualTo("response_format");
    assertThat(BadRequest.named(new ErrorBody("Unrecognized request argument supplied: top_k", "", "", ""), sent))
        .isEqualTo("top_k");
    assertThat(BadRequest.named(new ErrorBody("Unsupported parameter: 'max_tokens' is not supported. Use"
        + " 'max_completion_tokens' instead.", "", "", ""), sent)).isEqualTo("max_tokens");
    assertThat(BadRequest.named(new ErrorBody("`top_p` must be in (0, 1]", "", "", ""), sent)).isEqualTo("top_p");
    assertThat(BadRequest.named(new ErrorBody("the server is sad", "", "", ""), sent)).isNull();
    assertThat(BadRequest.largestBelow("at most 16384 completion tokens for gpt-4o-2024-08-06, not 100000", 100000))
        .isEqualTo(16384);
  }
}
