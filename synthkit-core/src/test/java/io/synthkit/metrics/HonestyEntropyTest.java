package io.synthkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HonestyEntropyTest {

  @Test
  void entropy_isNaturalLogShannon() {
    assertThat(HonestyEntropy.entropy(List.of("a", "a", "a"))).isEqualTo(0.0);
    double expected = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    assertThat(HonestyEntropy.entropy(List.of("a", "b", "a", "c"))).isCloseTo(expected, within(1e-15));
  }

  @Test
  void evaluate_defaultThreshold_separatesThreeFromFourWaySplits() {
    // ln 3 = 1.0986 < 1.193 <= ln 4 = 1.3863
    assertThat(HonestyEntropy.evaluate(List.of("a", "b", "c")).failure()).isFalse();
    assertThat(HonestyEntropy.evaluate(List.of("a", "b", "c", "d")).failure()).isTrue();
  }

  @Test
  void evaluate_entropyEqualToThreshold_fails() {
    double h = HonestyEntropy.entropy(List.of("a", "b"));
    assertThat(HonestyEntropy.evaluate(List.of("x", "y"), h).failure()).isTrue();
  }

  @Test
  void evaluate_badInput_throws() {
    assertThatThrownBy(() -> HonestyEntropy.entropy(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("entropy needs at least one answer, got 0");
    assertThatThrownBy(() -> HonestyEntropy.evaluate(List.of("a"), -1))
        .hasMessage("threshold must be non-negative: -1.0");
  }
  @Test
  void evaluate_thresholdZero_isAllowedAndEverySampleFails() {
    HonestyEntropy.Result r = HonestyEntropy.evaluate(List.of("a", "a"), 0.0);
    assertThat(r).isEqualTo(new HonestyEntropy.Result(0.0, 0.0, true));
    assertThat(HonestyEntropy.evaluate(List.of("a", "b")).entropy()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(HonestyEntropy.evaluate(List.of("a", "b")).threshold()).isEqualTo(HonestyEntropy.DEFAULT_THRESHOLD);
  }
}
