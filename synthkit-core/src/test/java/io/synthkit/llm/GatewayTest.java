package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.SimResponse;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Reply;
import io.synthkit.spi.Schema;
import io.synthkit.spi.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayTest {

  record Weather(@JsonPropertyDescription("city name") String city, int temperature, boolean sunny) {}

  static ModelConfig openAi(String url) {
    return new ModelConfig(ProviderKind.OPENAI, url, "sk-test-secret", "test-model", 0.5, null, 256, null, null, 8,
        null, null, 5, 3, 2, null, null, null, null, null, null, null, null, null, null);
  }

  static ModelConfig anthropic(String url) {
    return new ModelConfig(ProviderKind.ANTHROPIC, url, "sk-ant-secret", "claude-test", 0.5, null, 256, null, null, 8,
        null, null, 5, 3, 2, null, null, null, null, null, null, null, null, null, null);
  }

  static ModelConfig mode(ModelConfig c, StructuredMode m) {
    return new ModelConfig(c.provider(), c.baseUrl(), c.apiKey(), c.model(), c.temperature(), c.topP(), c.maxTokens(),
        c.seed(), c.stop(), c.maxConcurrency(), null, null, c.timeoutSeconds(), c.maxRetries(), c.maxRepairs(), m,
        null, new Price(1.0, 2.0), null, null, null, null, null, null, null);
  }

  @Test
  void ask_bindsRecordOverOpenAiJsonSchema() {
    try (Simulator sim = Simulator.start(null); Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl()))
        .build()) {
      Weather w = g.llm("default").ask(Prompt.of("You report weather.", "Weather in Paris?"), Weather.class, "k1");
      assertThat(w.city()).isNotBlank();
      assertThat(w.temperature()).isBetween(0, 100);
      assertThat(g.simulated()).isTrue();
      assertThat(g.meter().total().calls()).isEqualTo(1);
      assertThat(g.meter().total().promptTokens()).isPositive();
    }
  }

  @Test
  void ask_worksInEveryStructuredMode() {
    for (StructuredMode m : StructuredMode.values()) {
      try (Simulator sim = Simulator.start(null);
          Gateway g = Gateway.builder().model("default", mode(openAi(sim.baseUrl()), m)).build()) {
        Weather w = g.llm("default").ask(Prompt.user("Weather?"), Weather.class, "k-" + m);
        assertThat(w.city()).as("mode %s", m).isNotBlank();
      }
      try (Simulator sim = Simulator.start(null);
          Gateway g = Gateway.builder().model("default", mode(anthropic(sim.rootUrl()), m)).build()) {
        Weather w = g.llm("default").ask(Prompt.of("sys", "Weather?"), Weather.class, "a-" + m);
        assertThat(w.city()).as("anthropic mode %s", m).isNotBlank();
      }
    }
  }

  @Test
  void ask_repairsInvalidReplyWithTheValidationError() {
    AtomicInteger calls = new AtomicInteger();
    Map<String, String> repairPrompts = new ConcurrentHashMap<>();
    try (Simulator sim = Simulator.start(null, req -> {
      if (calls.getAndIncrement() == 0) {
        return SimResponse.text("Here you go: {\"city\": \"Paris\", \"temperature\": \"warm\", \"sunny\": true,}");
      }
      repairPrompts.put("last", req.lastUser());
      return SimResponse.text("```json\n{\"city\": \"Paris\", \"temperature\": 21, \"sunny\": true}\n```");
    }); Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).build()) {
      Weather w = g.llm("default").ask(Prompt.user("Weather?"), Weather.class, "k");
      assertThat(w).isEqualTo(new Weather("Paris", 21, true));
      assertThat(repairPrompts.get("last")).contains("/temperature");
      assertThat(g.meter().total().invalidReplies()).isEqualTo(1);
      assertThat(g.meter().total().repairs()).isEqualTo(1);
    }
  }

  @Test
  void tryAsk_reportsTruncationAfterRepairsRunOut() {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.truncated("{\"city\": \"Par"));
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).build()) {
      Reply<Weather> r = g.llm("default").tryAsk(Prompt.user("Weather?"), Weather.class, "k");
      assertThat(r).isInstanceOf(Reply.Invalid.class);
      assertThat(((Reply.Invalid<Weather>) r).reason()).startsWith("truncated");
      assertThat(r.raw()).isEqualTo("{\"city\": \"Par");
      assertThat(sim.requests()).isEqualTo(3); // first try + max_repairs 2
    }
  }

  @Test
  void call_retriesRateLimitsAndServerErrorsThenSucceeds() {
    AtomicInteger n = new AtomicInteger();
    try (Simulator sim = Simulator.start(null, req -> switch (n.getAndIncrement()) {
      case 0 -> SimResponse.error(429, 0);
      case 1 -> SimResponse.error(503, null);
      default -> null;
    }); Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).build()) {
      String text = g.llm("default").text(Prompt.user("hi"), "k");
      assertThat(text).isNotBlank();
      assertThat(g.meter().total().retries()).isEqualTo(2);
      assertThat(g.meter().total().calls()).isEqualTo(1);
    }
  }

  @Test
  void call_reportsRetryAfterWaitsToTheListener() {
    AtomicInteger n = new AtomicInteger();
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    GatewayListener listener = new GatewayListener() {
      @Override
      public void waiting(String endpoint, java.time.Instant until, String reason) {
        heard.add(reason + " for " + java.time.Duration.between(java.time.Instant.now(), until).toSeconds());
      }
    };
    try (Simulator sim = Simulator.start(null, req -> n.getAndIncrement() == 0 ? SimResponse.error(429, 2) : null);
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).listener(listener).build()) {
      assertThat(g.llm("default").text(Prompt.user("hi"), "k")).isNotBlank();
      assertThat(heard).singleElement().satisfies(h -> assertThat(h).startsWith("HTTP 429").matches(".* for [12]"));
    }
  }

  @Test
  void call_retryAfterLongerThanTheCap_failsAtOnce() {
    ModelConfig c = new ModelConfig(ProviderKind.OPENAI, null, "sk-test", "m", null, null, null, null, null, null,
        null, null, 5, 3, null, null, null, null, null, null, null, 10, null, null, null);
    try (Simulator sim = Simulator.start(null, req -> SimResponse.error(429, 3600));
        Gateway g = Gateway.builder().model("default", c.withEndpoint(ProviderKind.OPENAI, sim.baseUrl())).build()) {
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("hi"), "k"))
          .isInstanceOf(CallFailedException.class)
          .hasMessageContaining("after 1 attempt;").hasMessageContaining("asked to wait 3600 s (Retry-After), longer"
              + " than the 10 s synthkit waits");
      assertThat(sim.requests()).isEqualTo(1);
    }
  }

  @Test
  void call_failsFastOnAuthErrorWithoutLeakingTheKey() {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.error(401, null));
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).build()) {
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("hi"), "k"))
          .isInstanceOf(EndpointException.class)
          .hasMessageContaining("authentication failed")
          .hasMessageNotContaining("sk-test-secret")
          .satisfies(e -> assertThat(((EndpointException) e).exitCode()).isEqualTo(3));
      assertThat(sim.requests()).isEqualTo(1);
    }
  }

  @Test
  void call_givesUpAfterMaxRetries_failingTheCallNotTheEndpoint() {
    try (Simulator sim = Simulator.start(null, req -> SimResponse.error(500, null));
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).build()) {
      assertThatThrownBy(() -> g.llm("default").text(Prompt.user("hi"), "k"))
          .isInstanceOfSatisfying(CallFailedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.lastError()).startsWith("HTTP 500");
            assertThat(e.step()).isEqualTo("call_failed");
          }).hasMessageContaining("after 4 attempts");
      assertThat(sim.requests()).isEqualTo(4);
      // A structured call fails the same way: the method rejects its item under the failure's own step.
      assertThatThrownBy(() -> g.llm("default").tryAsk(Prompt.user("w"), Weather.class, "k2"))
          .isInstanceOf(CallFailedException.class).hasMessageContaining("after 4 attempts; last error: HTTP 500");
      Usage u = g.meter().total();
      assertThat(u.failures()).isEqualTo(2);
      assertThat(u.retries()).isEqualTo(6);
      assertThat(u.calls() + u.retries() + u.failures()).isEqualTo(sim.requests());
    }
  }

  @Test
  void call_timesOutAndRetries() {
    AtomicInteger n = new AtomicInteger();
    ModelConfig c = new ModelConfig(ProviderKind.OPENAI, null, "sk-test-secret", "m", null, null, null, null, null, null, null,
        null, 1, 3, null, null, null, null, null, null, null, null, null, null, null);
    try (Simulator sim = Simulator.start(null, req -> n.getAndIncrement() == 0
        ? SimResponse.text("slow").delayed(3000) : SimResponse.text("fast"));
        Gateway g = Gateway.builder().model("default", c.withEndpoint(ProviderKind.OPENAI, sim.baseUrl())).build()) {
      assertThat(g.llm("default").text(Prompt.user("hi"), "k")).isEqualTo("fast");
      assertThat(g.meter().total().retries()).isEqualTo(1);
    }
  }

  @Test
  void cache_replaysIdenticalRequestWithSameKeyAndKeepsKeysDistinct() {
    Map<String, com.fasterxml.jackson.databind.JsonNode> store = new ConcurrentHashMap<>();
    ResponseCache cache = new ResponseCache() {
      @Override
      public java.util.Optional<ChatResult> get(String key) {
        return java.util.Optional.ofNullable(store.get(key)).map(n -> Json.convert(n, ChatResult.class));
      }

      @Override
      public void put(String key, Entry entry) {
        store.put(key, Json.tree(entry.result()));
      }
    };
    try (Simulator sim = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).cache(cache).build()) {
      GatewayLlm llm = g.llm("default");
      String a = llm.text(Prompt.user("same"), "sample/0");
      String b = llm.text(Prompt.user("same"), "sample/1");
      String a2 = llm.text(Prompt.user("same"), "sample/0");
      assertThat(a2).isEqualTo(a);
      assertThat(b).isNotEqualTo(a);
      assertThat(sim.requests()).isEqualTo(2);
      assertThat(g.meter().total().cacheHits()).isEqualTo(1);
      assertThat(Json.write(store.values())).doesNotContain("sk-test-secret");
    }
  }

  @Test
  void askMany_samplesNRepliesOnOpenAiAndAnthropic() {
    try (Simulator sim = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", openAi(sim.baseUrl())).model("judge", anthropic(sim.rootUrl()))
            .build()) {
      List<Reply<Weather>> r = g.llm("default").askMany(Prompt.user("w"), Schema.of(Weather.class), Weather.class, 3,
          "k");
      assertThat(r).hasSize(3).allMatch(x -> x instanceof Reply.Ok);
      assertThat(sim.requests()).isEqualTo(1);
      List<Reply<Weather>> a = g.llm("judge").askMany(Prompt.user("w"), Schema.of(Weather.class), Weather.class, 3,
          "k");
      assertThat(a).hasSize(3).allMatch(x -> x instanceof Reply.Ok);
      assertThat(sim.requests()).isEqualTo(4);
    }
  }

  @Test
  void costAndTokens_followThePrice() {
    try (Simulator sim = Simulator.start(null);
        Gateway g = Gateway.builder().model("default", mode(openAi(sim.baseUrl()), StructuredMode.AUTO)).build()) {
      g.llm("default").stage("gen").text(Prompt.user("hello there"), "k");
      Usage u = g.meter().byStage().get("gen");
      assertThat(u.costUsd()).isCloseTo((u.promptTokens() * 1.0 + u.completionTokens() * 2.0) / 1e6,
          org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void faultySimulator_everyCallEndsValidOrRecorded() {
    SimulatorOptions faults = new SimulatorOptions(null, null, null, 0, 0.1, 0.1, null, null, 0.1, 0.1, 0.05, 0.1, 0.1,
        3L, null, null);
    ModelConfig c = new ModelConfig(ProviderKind.OPENAI, null, "sk-test-secret", "m", null, null, null, null, null, 8, null, null,
        5, 12, 3, null, null, null, null, null, null, null, null, null, null);
    try (Simulator sim = Simulator.start(faults);
        Gateway g = Gateway.builder().model("default", c.withEndpoint(ProviderKind.OPENAI, sim.baseUrl())).build()) {
      int ok = 0;
      for (int i = 0; i < 60; i++) {
        Reply<JsonNode> r = g.llm("default").tryAsk(Prompt.user("w"), Schema.of(Weather.class), "k" + i);
        ok += r instanceof Reply.Ok ? 1 : 0;
      }
      Usage u = g.meter().total();
      assertThat(ok).isGreaterThan(50);
      assertThat(u.retries()).isPositive();
      assertThat(u.invalidReplies()).isPositive();
      assertThat(u.repairs()).isPositive();
    }
  }
}
