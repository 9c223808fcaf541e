package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.sim.Simulator;
import io.synthkit.sim.SimulatorOptions;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Prompt;
import io.synthkit.spi.Usage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Provider prompt caching through the gateway, over real HTTP against the simulator: Anthropic requests carry
 * {@code cache_control} breakpoints on the stable prefix (unless {@code prompt_cache: false}), and cached and
 * cache-write tokens from both APIs are counted apart and priced at their own rates.
 */
class PromptCachingGatewayTest {

  static final String CLAUDE = "claude-sonnet-4-5";

  /** About 2,000 tokens of instructions that every call of a role shares. */
  static String longSystem(String tag) {
    StringBuilder sb = new StringBuilder("Instructions (" + tag + ").\n");
    for (int i = 0; i < 200; i++) {
      sb.append("Rule ").append(i).append(": answer in plain words and keep it short.\n");
    }
    return sb.toString();
  }

  /** System, one few-shot turn, then the varying item: the shape of a method's request. */
  static Prompt fewShot(String system, String item) {
    return new Prompt(List.of(ChatMessage.system(system), ChatMessage.user("Example question"),
        ChatMessage.assistant("Example answer"), ChatMessage.user(item)));
  }

  static Simulator recording(List<JsonNode> bodies) {
    return Simulator.start(SimulatorOptions.DEFAULT, req -> {
      bodies.add(req.body());
      return null;
    });
  }

  @Test
  void anthropic_breakpointsOnTheStablePrefix_readsAndWritesPricedApart() {
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    Price price = new Price(3.0, 15.0);
    try (Simulator sim = recording(bodies); Gateway g = Gateway.builder().model("default",
        ModelConfig.anthropic(CLAUDE, "sk-ant-test").baseUrl(sim.rootUrl()).price(price).build()).build()) {
      String system = longSystem("anthropic");
      g.llm("default").stage("gen").text(fewShot(system, "Item one"), "k1");
      Usage afterFirst = g.meter().total();
      g.llm("default").stage("gen").text(fewShot(system, "Item two, a different one"), "k2");
      Usage total = g.meter().total();

      JsonNode body = bodies.get(1);
      assertThat(body.path("system").get(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
      JsonNode messages = body.path("messages");
      assertThat(messages.get(1).path("content").get(0).path("cache_control").path("type").asText())
          .isEqualTo("ephemeral");
      assertThat(messages.get(2).path("content").isTextual()).as("the varying item is not marked").isTrue();

      assertThat(afterFirst.cacheWriteTokens()).isGreaterThan(1024);
      assertThat(afterFirst.cachedTokens()).isZero();
      assertThat(total.cachedTokens()).as("the second call reads what the first wrote")
          .isEqualTo(afterFirst.cacheWriteTokens());
      assertThat(total.cacheWriteTokens()).isEqualTo(afterFirst.cacheWriteTokens());
      long uncached = total.promptTokens() - total.cachedTokens() - total.cacheWriteTokens();
      assertThat(uncached).isPositive();
      double cached = (total.cachedTokens() * 0.3 + total.cacheWriteTokens() * 3.75) / 1e6;
      assertThat(total.cachedCostUsd()).isCloseTo(cached, within(1e-12));
      assertThat(total.costUsd()).isCloseTo(cached + (uncached * 3.0 + total.completionTokens() * 15.0) / 1e6,
          within(1e-12));
    }
  }

  @Test
  void anthropic_promptCacheOff_sendsNoBreakpointsAndNothingIsCached() {
    List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    try (Simulator sim = recording(bodies); Gateway g = Gateway.builder().model("default",
        ModelConfig.anthropic(CLAUDE, "sk-ant-test").baseUrl(sim.rootUrl()).price(3.0, 15.0).promptCache(false)
            .build()).build()) {
      String system = longSystem("anthropic-off");
      g.llm("default").text(fewShot(system, "Item one"), "k1");
      g.llm("default").text(fewShot(system, "Item two"), "k2");
      assertThat(bodies).allSatisfy(b -> assertThat(b.toString()).doesNotContain("cache_control"));
      Usage total = g.meter().total();
      assertThat(total.cachedTokens()).isZero();
      assertThat(total.cacheWriteTokens()).isZero();
      assertThat(total.costUsd()).isCloseTo((total.promptTokens() * 3.0 + total.completionTokens() * 15.0) / 1e6,
          within(1e-12));
    }
  }

  @Test
  void openAi_automaticCachedTokensAreCountedAndPricedAtTheConfiguredOrDefaultRate() {
    try (Simulator sim = Simulator.start(null)) {
      for (Double rate : new Double[] {0.25, null}) {
        Price price = new Price(2.0, 8.0, rate, null, null);
        try (Gateway g = Gateway.builder().model("default", ModelConfig.openAi(sim.baseUrl(), "gpt-4o")
            .apiKey("sk-test").price(price).build()).build()) {
          String system = longSystem("openai-" + rate);
          g.llm("default").text(Prompt.of(system, "Item one"), "k1");
          g.llm("default").text(Prompt.of(system, "Item two"), "k2");
          Usage total = g.meter().total();
          assertThat(total.cachedTokens()).isGreaterThanOrEqualTo(1024).isLessThan(total.promptTokens());
          assertThat(total.cacheWriteTokens()).isZero();
          double cachedRate = rate != null ? rate : 1.0; // default: half the input price
          assertThat(total.cachedCostUsd()).isCloseTo(total.cachedTokens() * cachedRate / 1e6, within(1e-12));
          assertThat(total.costUsd()).isCloseTo(((total.promptTokens() - total.cachedTokens()) * 2.0
              + total.cachedTokens() * cachedRate + total.completionTokens() * 8.0) / 1e6, within(1e-12));
        }
      }
    }
  }
}
