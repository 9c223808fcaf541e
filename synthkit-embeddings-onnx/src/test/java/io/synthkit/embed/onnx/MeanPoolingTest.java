package io.synthkit.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanPoolingTest {

  @Test
  void pool_averagesMaskedTokensOnlyAndNormalises() {
    // Two texts, three positions, two dimensions; the second text has one padding position full of garbage.
    float[] hidden = {
        1, 0, 3, 0, 2, 0, // text 0: mean (2, 0)
        0, 1, 0, 3, 99, -99 // text 1: mean of the first two (0, 2); the third is padding
    };
    long[] mask = {1, 1, 1, 1, 1, 0};

    float[][] pooled = MeanPooling.pool(hidden, mask, 2, 3, 2);

    assertThat(pooled[0]).containsExactly(1f, 0f);
    assertThat(pooled[1]).containsExactly(0f, 1f);
  }

  @Test
  void pool_returnsUnitVectors() {
    float[] hidden = {3, 4, 1, 1};
    long[] mask = {1, 1};

    float[] v = MeanPooling.pool(hidden, mask, 1, 2, 2)[0];

    assertThat((double) v[0] * v[0] + v[1] * v[1]).isCloseTo(1.0, within(1e-6));
    assertThat(v[0]).isCloseTo(0.6247f, within(1e-4f)); // mean (2, 2.5) scaled to unit length
  }
}
