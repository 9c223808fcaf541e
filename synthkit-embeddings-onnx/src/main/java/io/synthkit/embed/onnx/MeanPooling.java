package io.synthkit.embed.onnx;

import java.util.Arrays;

/**
 * Sentence-Transformers pooling for MiniLM: the mean of the token vectors under the attention mask, scaled to unit
 * length. Padding positions carry mask 0 and so never contribute.
 */
final class MeanPooling {

  private MeanPooling() {}

  /**
   * Pools one batch.
   *
   * @param hidden the model's {@code last_hidden_state}, row-major {@code [batch][tokens][dimension]}
   * @param mask the attention mask, row-major {@code [batch][tokens]}, 1 for real tokens and 0 for padding
   * @param batch the number of texts
   * @param tokens the padded sequence length
   * @param dimension the hidden size
   * @return one unit vector per text
   */
  static float[][] pool(float[] hidden, long[] mask, int batch, int tokens, int dimension) {
    float[][] out = new float[batch][];
    double[] sum = new double[dimension];
    for (int b = 0; b < batch; b++) {
      Arrays.fill(sum, 0);
      int count = 0;
      for (int t = 0; t < tokens; t++) {
        if (mask[b * tokens + t] == 0) {
          continue;
        }
        count++;
        int offset = (b * tokens + t) * dimension;
        for (int d = 0; d < dimension; d++) {
          sum[d] += hidden[offset + d];
        }
      }
      out[b] = normalise(sum, Math.max(count, 1));
    }
    return out;
  }

  private static float[] normalise(double[] sum, int count) {
    double norm = 0;
    for (double x : sum) {
      norm += (x / count) * (x / count);
    }
    // The mean is never exactly zero for a real model output; the guard only keeps a broken one from dividing by 0.
    double scale = norm == 0 ? 0 : 1 / (count * Math.sqrt(norm));
    float[] v = new float[sum.length];
    for (int d = 0; d < sum.length; d++) {
      v[d] = (float) (sum[d] * scale);
    }
    return v;
  }
}
