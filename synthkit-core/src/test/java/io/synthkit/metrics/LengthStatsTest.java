package io.synthkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.text.Tokenizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthStatsTest {

  @Test
  void summarize_matchesNumpyConventions() {
    // numpy: percentile([1,2,3,4,10], 50) = 3, 90 -> 4 + 0.6*6 = 7.6; std (ddof=0) = sqrt(10)
    LengthStats.Summary s = LengthStats.summarize(new double[] {10, 1, 3, 2, 4}, 3);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.median()).isEqualTo(3.0);
    assertThat(s.p90()).isCloseTo(7.6, within(1e-12));
    assertThat(s.stdev()).isCloseTo(Math.sqrt(10), within(1e-12));
    assertThat(s.histogram().edges()).containsExactly(1.0, 4.0, 7.0, 10.0);
    assertThat(s.histogram().counts()).containsExactly(3L, 1L, 1L);
  }

  @Test
  void summarize_evenCountMedianInterpolates_andConstantValuesCentreTheRange() {
    assertThat(LengthStats.summarize(new double[] {1, 2, 3, 4}, 1).median()).isEqualTo(2.5);
    LengthStats.Summary s = LengthStats.summarize(new double[] {5, 5}, 2);
    assertThat(s.histogram().edges()).containsExactly(4.5, 5.0, 5.5);
    assertThat(s.histogram().counts()).containsExactly(0L, 2L);
    assertThat(s.stdev()).isEqualTo(0.0);
  }

  @Test
  void of_countsTokensAndCodePoints() {
    LengthStats.Report r = LengthStats.of(List.of("a b c", "héllo 𝔘"), Tokenizers.whitespace(), 2);
    assertThat(r.tokens().min()).isEqualTo(2.0);
    assertThat(r.tokens().max()).isEqualTo(3.0);
    // "héllo 𝔘" is 7 code points (8 UTF-16 units).
    assertThat(r.characters().max()).isEqualTo(7.0);
    assertThat(r.characters().min()).isEqualTo(5.0);
  }

  @Test
  void summarize_emptyAndBadBins() {
    assertThat(LengthStats.summarize(new double[0], 4).count()).isZero();
    assertThat(LengthStats.summarize(new double[0], 4).histogram().counts()).containsExactly(0L, 0L, 0L, 0L);
    assertThatThrownBy(() -> LengthStats.summarize(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bins must be positive: 0");
  }
  @Test
  void summarize_singleValue_everyStatisticIsThatValue() {
    LengthStats.Summary s = LengthStats.summarize(new double[] {7}, 1);
    assertThat(s.count()).isEqualTo(1);
    assertThat(s.median()).isEqualTo(7.0);
    assertThat(s.p90()).isEqualTo(7.0);
    assertThat(s.stdev()).isEqualTo(0.0);
    assertThat(s.histogram().edges()).containsExactly(6.5, 7.5);
    assertThat(s.histogram().counts()).containsExactly(1L);
  }

  @Test
  void percentile_endsAreTheExtremes_andInteriorInterpolates() {
    double[] sorted = {1, 2, 4, 8};
    assertThat(LengthStats.percentile(sorted, 0)).isEqualTo(1.0);
    assertThat(LengthStats.percentile(sorted, 100)).isEqualTo(8.0);
    // numpy: position 0.25*3 = 0.75 -> 1 + 0.75*(2-1) = 1.75.
    assertThat(LengthStats.percentile(sorted, 25)).isEqualTo(1.75);
  }
}
