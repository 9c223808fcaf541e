package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.spi.Prompt;
import org.junit.jupiter.api.Test;

class ContextWindowsTest {

  @Test
  void of_knowsTheFamilies_longestPrefixFirst() {
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "gpt-4o-mini")).isEqualTo(128_000);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "gpt-4.1-nano")).isEqualTo(1_047_576);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "gpt-4-0613")).isEqualTo(8_192);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "o1-mini")).isEqualTo(128_000);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "o3-mini")).isEqualTo(200_000);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "openai/gpt-3.5-turbo")).isEqualTo(16_385);
    assertThat(ContextWindows.of(ProviderKind.ANTHROPIC, "claude-sonnet-4-5")).isEqualTo(200_000);
    assertThat(ContextWindows.of(ProviderKind.OPENAI, "Qwen/Qwen2.5-7B-Instruct")).isEqualTo(ContextWindows.UNKNOWN);
  }

  @Test
  void contextTokens_overridesTheFamilyDefault() {
    assertThat(ModelConfig.openAi(null, "gpt-4o").contextTokens(8000).build().contextTokensOrDefault())
        .isEqualTo(8000);
    assertThat(ModelConfig.openAi(null, "gpt-4o").build().over(ModelConfig.simulated().contextTokens(4096).build())
        .contextTokensOrDefault()).as("layered over default").isEqualTo(4096);
    assertThat(ModelConfig.openAi(null, "gpt-4o").build().contextTokensOrDefault()).isEqualTo(128_000);
  }

  @Test
  void countAtMost_isTheCountBelowTheLimit_andStopsEarlyAboveIt() {
    Prompt small = Prompt.of("be brief", "say hello to the world");
    assertThat(Tokens.countAtMost(small, 1_000)).isEqualTo(Tokens.count(small));
    Prompt big = Prompt.user("lorem ipsum dolor sit amet ".repeat(200_000));
    assertThat(Tokens.countAtMost(big, 1_000)).isGreaterThan(1_000).isLessThan(Tokens.count(big));
  }
}
