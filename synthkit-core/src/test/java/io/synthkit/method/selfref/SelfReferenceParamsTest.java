package io.synthkit.method.selfref;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Self-Reference parameters: defaults, and each range check at both sides of its bound. */
class SelfReferenceParamsTest {

  /** The record's components that have defaults or checks, all unset unless given. */
  private static final class P {
    ObjectNode example;
    String labelSpace;
    String strategy;
    Integer perCall;
    Double temperature;
    Double topP;
    Integer maxTokens;
    Integer maxRetries;
    Integer maxFallbacks;
    Integer reruns;
    Integer levelBatch;
    Double near;
    Boolean balance;
    Integer gap;
  }

  private static SelfReferenceParams with(Consumer<P> set) {
    P p = new P();
    set.accept(p);
    return new SelfReferenceParams(p.example, p.labelSpace, null, null, null, null, p.strategy, p.perCall,
        p.temperature, p.topP, p.maxTokens, p.maxRetries, p.maxFallbacks, p.reruns, p.levelBatch, p.near, p.balance,
        p.gap);
  }

  private static void rejected(Supplier<SelfReferenceParams> make, String message) {
    assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaults_treeStrategyFiveExamplesPerCall() {
    SelfReferenceParams p = with(x -> { });
    assertThat(p.strategy()).isEqualTo("tree");
    assertThat(p.strategyValue()).isEqualTo(Strategy.TREE);
    assertThat(p.examplesPerCall()).isEqualTo(5);
    assertThat(p.temperature()).isEqualTo(1.0);
    assertThat(p.topP()).isEqualTo(1.0);
    assertThat(p.maxTokens()).isEqualTo(1280);
    assertThat(p.maxRetries()).isEqualTo(3);
    assertThat(p.maxFallbacks()).isEqualTo(3);
    assertThat(p.maxLevelReruns()).isEqualTo(2);
    assertThat(p.levelBatch()).isEqualTo(16);
    assertThat(p.nearDuplicateThreshold()).isNull();
    assertThat(p.balanceLabels()).isFalse();
    assertThat(p.balanceMaxGap()).as("defaults to examples_per_call").isEqualTo(5);
    assertThat(p.example()).isNull();
    assertThat(with(x -> x.balance = true).balanceLabels()).isTrue();
    assertThat(with(x -> x.perCall = 3).maxTokens()).isEqualTo(768);
    assertThat(with(x -> x.perCall = 3).balanceMaxGap()).isEqualTo(3);
    assertThat(with(x -> x.strategy = "contrastive").strategyValue()).isEqualTo(Strategy.CONTRASTIVE);
  }

  @Test
  void example_isCopied() {
    ObjectNode example = Json.object().put("question", "q");
    SelfReferenceParams p = with(x -> x.example = example);
    example.put("question", "changed");
    assertThat(p.example().path("question").asText()).isEqualTo("q");
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    assertThat(with(x -> x.perCall = 1).examplesPerCall()).isEqualTo(1);
    assertThat(with(x -> x.perCall = 50).examplesPerCall()).isEqualTo(50);
    rejected(() -> with(x -> x.perCall = 0), "examples_per_call must be in [1, 50]: 0");
    rejected(() -> with(x -> x.perCall = 51), "examples_per_call must be in [1, 50]: 51");
    assertThat(with(x -> x.temperature = 0.0).temperature()).isZero();
    assertThat(with(x -> x.temperature = 2.0).temperature()).isEqualTo(2.0);
    rejected(() -> with(x -> x.temperature = -0.1), "temperature must be in [0, 2]: -0.1");
    rejected(() -> with(x -> x.temperature = 2.1), "temperature must be in [0, 2]: 2.1");
    assertThat(with(x -> x.topP = 0.0).topP()).isZero();
    assertThat(with(x -> x.topP = 1.0).topP()).isEqualTo(1.0);
    rejected(() -> with(x -> x.topP = -0.1), "top_p must be in [0, 1]: -0.1");
    rejected(() -> with(x -> x.topP = 1.1), "top_p must be in [0, 1]: 1.1");
    assertThat(with(x -> x.maxTokens = 1).maxTokens()).isEqualTo(1);
    rejected(() -> with(x -> x.maxTokens = 0), "max_tokens must be positive: 0");
    assertThat(with(x -> x.maxRetries = 0).maxRetries()).isZero();
    rejected(() -> with(x -> x.maxRetries = -1), "max_retries must not be negative: -1");
    assertThat(with(x -> x.maxFallbacks = 1).maxFallbacks()).isEqualTo(1);
    rejected(() -> with(x -> x.maxFallbacks = 0), "max_fallbacks must be at least 1: 0");
    assertThat(with(x -> x.reruns = 0).maxLevelReruns()).isZero();
    rejected(() -> with(x -> x.reruns = -1), "max_level_reruns must not be negative: -1");
    assertThat(with(x -> x.levelBatch = 1).levelBatch()).isEqualTo(1);
    rejected(() -> with(x -> x.levelBatch = 0), "level_batch must be at least 1: 0");
    assertThat(with(x -> x.near = 1.0).nearDuplicateThreshold()).isEqualTo(1.0);
    assertThat(with(x -> x.near = 0.01).nearDuplicateThreshold()).isEqualTo(0.01);
    rejected(() -> with(x -> x.near = 0.0), "near_duplicate_threshold must be in (0, 1]: 0.0");
    rejected(() -> with(x -> x.near = 1.01), "near_duplicate_threshold must be in (0, 1]: 1.01");
    assertThat(with(x -> x.gap = 1).balanceMaxGap()).isEqualTo(1);
    rejected(() -> with(x -> x.gap = 0), "balance_max_gap must be at least 1: 0");
  }

  @Test
  void strategyAndLabelSpace_nameTheAllowedValues() {
    rejected(() -> with(x -> x.strategy = "greedy"), "strategy must be one of naive, random, contrastive, similar,"
        + " tree: greedy");
    rejected(() -> with(x -> x.labelSpace = "open"), "label_space must be fixed or variant: open");
    assertThat(with(x -> x.labelSpace = "variant").labelSpace()).isEqualTo("variant");
    assertThat(LabelSpace.of("fixed")).isEqualTo(LabelSpace.FIXED);
  }
}
