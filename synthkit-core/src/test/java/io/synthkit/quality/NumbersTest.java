package io.synthkit.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void parse_readsTheFinalNumberOfAnAnswer() {
    assertThat(Numbers.parse("She pays $1,250.50 in total.").getAsDouble()).isEqualTo(1250.5);
    assertThat(Numbers.parse("3 boxes of 4 = 12 #### 12").getAsDouble()).isEqualTo(12);
    assertThat(Numbers.parse("#### -7").getAsDouble()).isEqualTo(-7);
    assertThat(Numbers.parse("3/4").getAsDouble()).isEqualTo(0.75);
    assertThat(Numbers.parse("1e-05").getAsDouble()).isEqualTo(1e-5);
    assertThat(Numbers.parse("eighteen")).isEmpty();
    assertThat(Numbers.parse("1/0")).isEmpty();
  }

  @Test
  void close_isAbsoluteNearZeroAndRelativeForLargeValues() {
    assertThat(Numbers.close(0.1 + 0.2, 0.3, 1e-9)).isTrue();
    assertThat(Numbers.close(1_000_000, 1_000_000.5, 1e-6)).isTrue();
    assertThat(Numbers.close(10, 10.5, 1e-6)).isFalse();
  }

  @Test
  void format_keepsTheLabelsKind() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(Numbers.format(24.0, f.numberNode(18)).isIntegralNumber()).isTrue();
    assertThat(Numbers.format(24.0, f.textNode("18")).asText()).isEqualTo("24");
    assertThat(Numbers.format(0.1 + 0.2, f.textNode("x")).asText()).isEqualTo("0.3");
    assertThat(Numbers.format(2.5, f.numberNode(1)).asDouble()).isEqualTo(2.5);
  }
}
