package io.synthkit.vector;

import java.util.Random;

/** Random vectors for tests. */
final class TestVectors {

  private TestVectors() {}

  static float[] gaussian(Random random, int dim) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  static float[] unit(Random random, int dim) {
    return Vectors.normalize(gaussian(random, dim));
  }

  /** A unit vector close to v: v plus Gaussian noise of the given scale, normalised. */
  static float[] near(Random random, float[] v, double noise) {
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = (float) (v[d] + noise * random.nextGaussian());
    }
    return Vectors.normalize(out);
  }
}
