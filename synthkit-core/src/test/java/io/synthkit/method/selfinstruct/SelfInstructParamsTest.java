package io.synthkit.method.selfinstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Self-Instruct parameters: defaults, and each range check at both sides of its bound. */
class SelfInstructParamsTest {

  /** Every parameter unset except those given; the order follows the record. */
  private static SelfInstructParams params(Integer k, Integer seedExamples, Integer batch, Integer perCall,
      Double rouge, Integer minWords, Integer maxWords, Integer idle) {
    return new SelfInstructParams(k, seedExamples, batch, perCall, null, null, rouge, null, minWords, maxWords, null,
        null, null, idle);
  }

  private static SelfInstructParams defaults() {
    return params(null, null, null, null, null, null, null, null);
  }

  @Test
  void defaults_followTheDataAdvisorBaseline() {
    SelfInstructParams p = defaults();
    assertThat(p.examplesPerPrompt()).isEqualTo(5);
    assertThat(p.batchSize()).isEqualTo(12);
    assertThat(p.itemsPerCall()).isEqualTo(1);
    assertThat(p.rougeThreshold()).isEqualTo(0.7);
    assertThat(p.minChars()).isEqualTo(20);
    assertThat(p.minWords()).isEqualTo(4);
    assertThat(p.maxWords()).isEqualTo(150);
    assertThat(p.maxTokens()).isEqualTo(256);
    assertThat(p.maxIdleRounds()).isEqualTo(20);
    assertThat(p.seedExamples()).isNull();
    assertThat(p.fields()).isNull();
  }

  @Test
  void maxTokens_defaultsTo256PerRequestedItem() {
    assertThat(params(null, null, null, 3, null, null, null, null).maxTokens()).isEqualTo(768);
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    assertThat(params(1, null, null, null, null, null, null, null).examplesPerPrompt()).isEqualTo(1);
    rejected(() -> params(0, null, null, null, null, null, null, null), "examples_per_prompt must be at least 1: 0");

    assertThat(params(4, 0, null, null, null, null, null, null).seedExamples()).isZero();
    assertThat(params(4, 4, null, null, null, null, null, null).seedExamples()).isEqualTo(4);
    rejected(() -> params(4, -1, null, null, null, null, null, null), "seed_examples must be between 0 and"
        + " examples_per_prompt: -1");
    rejected(() -> params(4, 5, null, null, null, null, null, null), "seed_examples must be between 0 and"
        + " examples_per_prompt: 5");

    assertThat(params(null, null, 1, null, null, null, null, null).batchSize()).isEqualTo(1);
    rejected(() -> params(null, null, 0, null, null, null, null, null), "batch_size must be at least 1: 0");

    assertThat(params(null, null, null, 1, null, null, null, null).itemsPerCall()).isEqualTo(1);
    assertThat(params(null, null, null, 50, null, null, null, null).itemsPerCall()).isEqualTo(50);
    rejected(() -> params(null, null, null, 0, null, null, null, null), "items_per_call must be in [1, 50]: 0");
    rejected(() -> params(null, null, null, 51, null, null, null, null), "items_per_call must be in [1, 50]: 51");

    assertThat(params(null, null, null, null, 1.0, null, null, null).rougeThreshold()).isEqualTo(1.0);
    assertThat(params(null, null, null, null, 0.01, null, null, null).rougeThreshold()).isEqualTo(0.01);
    rejected(() -> params(null, null, null, null, 0.0, null, null, null), "rouge_threshold must be in (0, 1]: 0.0");
    rejected(() -> params(null, null, null, null, 1.01, null, null, null), "rouge_threshold must be in (0, 1]: 1.01");

    assertThat(params(null, null, null, null, null, 7, 7, null).maxWords()).isEqualTo(7);
    rejected(() -> params(null, null, null, null, null, 8, 7, null), "min_words must not exceed max_words: 8 > 7");

    assertThat(params(null, null, null, null, null, null, null, 1).maxIdleRounds()).isEqualTo(1);
    rejected(() -> params(null, null, null, null, null, null, null, 0), "max_idle_rounds must be at least 1: 0");
  }

  @Test
  void fields_mustBeNonEmptyAndDistinct() {
    assertThat(new SelfInstructParams(null, null, null, null, List.of("q", "a"), null, null, null, null, null, null,
        null, null, null).fields()).containsExactly("q", "a");
    rejected(() -> new SelfInstructParams(null, null, null, null, List.of(), null, null, null, null, null, null, null,
        null, null), "fields must be a non-empty list of distinct names: []");
    rejected(() -> new SelfInstructParams(null, null, null, null, List.of("q", "q"), null, null, null, null, null,
        null, null, null, null), "fields must be a non-empty list of distinct names: [q, q]");
  }

  private static void rejected(Runnable build, String message) {
    assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
