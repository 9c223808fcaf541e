package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Turning tokens into dollars: plain, cached, worst case and batched. */
class PriceTest {

  private static final double EPS = 1e-12;

  @Test
  void cost_isPerMillionTokens_inputAndOutputApart() {
    Price p = new Price(2.0, 8.0);
    assertThat(p.cost(1_000_000, 0)).isEqualTo(2.0, within(EPS));
    assertThat(p.cost(0, 1_000_000)).isEqualTo(8.0, within(EPS));
    assertThat(p.cost(500_000, 250_000)).isEqualTo(1.0 + 2.0, within(EPS));
    assertThat(Price.FREE.cost(1_000_000, 1_000_000)).isZero();
  }

  @Test
  void worstCost_pricesThePromptAtTheDearerOfInputAndCacheWrite() {
    Price defaultWrite = new Price(4.0, 10.0);
    assertThat(defaultWrite.worstCost(1_000_000, 1_000_000)).as("1.25 x input, then output")
        .isEqualTo(5.0 + 10.0, within(EPS));
    Price cheapWrite = new Price(4.0, 10.0, null, 1.0, null);
    assertThat(cheapWrite.worstCost(1_000_000, 0)).as("input is dearer").isEqualTo(4.0, within(EPS));
    Price dearWrite = new Price(4.0, 10.0, null, 6.0, null);
    assertThat(dearWrite.worstCost(2_000_000, 500_000)).isEqualTo(12.0 + 5.0, within(EPS));
  }

  @Test
  void charge_pricesCacheReadsByProvider_andWritesAt125Percent() {
    Price p = new Price(10.0, 20.0);
    TokenUsage u = new TokenUsage(1_000_000, 1_000_000, 0, false, 300_000, 200_000);
    // uncached 500k at 10 = 5; completion 1M at 20 = 20; writes 200k at 12.5 = 2.5; reads 300k at the read price
    Price.Charge anthropic = p.charge(u, ProviderKind.ANTHROPIC);
    assertThat(anthropic.cached()).isEqualTo(0.3 + 2.5, within(EPS));
    assertThat(anthropic.total()).isEqualTo(5 + 20 + 0.3 + 2.5, within(EPS));
    Price.Charge openAi = p.charge(u, ProviderKind.OPENAI);
    assertThat(openAi.cached()).isEqualTo(1.5 + 2.5, within(EPS));
    assertThat(openAi.total()).isEqualTo(5 + 20 + 1.5 + 2.5, within(EPS));
    assertThat(p.charge(u, null).cached()).as("no provider: the OpenAI ratio").isEqualTo(1.5 + 2.5, within(EPS));
  }

  @Test
  void charge_usesTheStatedCachePrices() {
    Price p = new Price(10.0, 20.0, 1.0, 30.0, null);
    TokenUsage u = new TokenUsage(3_000_000, 0, 0, false, 1_000_000, 1_000_000);
    Price.Charge c = p.charge(u, ProviderKind.ANTHROPIC);
    assertThat(c.cached()).isEqualTo(1.0 + 30.0, within(EPS));
    assertThat(c.total()).isEqualTo(10.0 + 1.0 + 30.0, within(EPS));
  }

  @Test
  void times_scalesBothParts_andOneIsTheSameCharge() {
    Price.Charge c = new Price.Charge(4.0, 1.0);
    assertThat(c.times(1)).isSameAs(c);
    assertThat(c.times(0.5)).isEqualTo(new Price.Charge(2.0, 0.5));
    assertThat(c.times(0)).isEqualTo(new Price.Charge(0, 0));
  }

  @Test
  void negativePricesAndDiscountsOutsideZeroToOne_areRefused() {
    assertThatThrownBy(() -> new Price(-1, 0)).hasMessageStartingWith("prices must not be negative: -1.0");
    assertThatThrownBy(() -> new Price(0, -1)).hasMessageStartingWith("prices must not be negative");
    assertThatThrownBy(() -> new Price(0, 0, -1.0, null, null)).hasMessageStartingWith("prices must not be negative");
    assertThatThrownBy(() -> new Price(0, 0, null, -1.0, null)).hasMessageStartingWith("prices must not be negative");
    assertThatThrownBy(() -> new Price(0, 0, null, null, -0.1))
        .hasMessage("price.batch_discount must be in [0, 1]: -0.1");
    assertThatThrownBy(() -> new Price(0, 0, null, null, 1.1))
        .hasMessage("price.batch_discount must be in [0, 1]: 1.1");
    assertThat(new Price(0, 0, 0.0, 0.0, 0.0).batchDiscountOrDefault()).isZero();
    assertThat(new Price(0, 0, null, null, 1.0).batchDiscountOrDefault()).isEqualTo(1.0);
    assertThat(new Price(0, 0).batchDiscountOrDefault()).isEqualTo(0.5);
  }

  @Test
  void tokenUsage_sumsEveryPart_andBillsThePlainPromptOnly() {
    TokenUsage a = new TokenUsage(100, 20, 5, false, 30, 10);
    TokenUsage b = new TokenUsage(50, 10, 1, true, 5, 0);
    TokenUsage sum = a.plus(b);
    assertThat(sum).isEqualTo(new TokenUsage(150, 30, 6, true, 35, 10));
    assertThat(a.plus(new TokenUsage(0, 0, false)).estimated()).isFalse();
    assertThat(new TokenUsage(0, 0, true).plus(a).estimated()).isTrue();
    assertThat(a.total()).isEqualTo(120);
    assertThat(a.uncachedPrompt()).isEqualTo(60);
    assertThat(new TokenUsage(10, 0, 0, false, 8, 5).uncachedPrompt()).as("never negative").isZero();
    assertThat(new TokenUsage(7, 3, false)).isEqualTo(new TokenUsage(7, 3, 0, false, 0, 0));
  }
}
