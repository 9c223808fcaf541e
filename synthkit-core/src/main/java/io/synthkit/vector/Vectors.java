package io.synthkit.vector;

/**
 * Basic operations on {@code float[]} vectors. Sums are accumulated in {@code double} so that metrics computed from
 * them agree with numpy/sklearn to about 1e-12 on small inputs.
 *
 * <p>Stateless and thread-safe. Every method taking two vectors requires equal lengths.
 */
public final class Vectors {

  private Vectors() {}

  /**
   * Returns the dot product.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return Σ a[i]·b[i]
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double dot(float[] a, float[] b) {
    requireSameLength(a, b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /**
   * Returns the Euclidean (L2) norm.
   *
   * @param a a vector
   * @return √(Σ a[i]²)
   */
  public static double norm(float[] a) {
    double s = 0;
    for (float v : a) {
      s += (double) v * v;
    }
    return Math.sqrt(s);
  }

  /**
   * Returns the cosine similarity. A zero vector has cosine 0 with everything, as with sklearn's {@code normalize},
   * which leaves zero rows at zero.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return a·b / (‖a‖‖b‖), or 0 when either norm is 0
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double cosine(float[] a, float[] b) {
    double denom = norm(a) * norm(b);
    return denom == 0 ? 0 : dot(a, b) / denom;
  }

  /**
   * Returns the Euclidean distance.
   *
   * @param a a vector
   * @param b a vector of the same length
   * @return √(Σ (a[i]−b[i])²)
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double euclidean(float[] a, float[] b) {
    requireSameLength(a, b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }

  /**
   * Returns a unit-length copy; a zero vector is returned as a zero copy.
   *
   * @param a a vector
   * @return a / ‖a‖
   */
  public static float[] normalize(float[] a) {
    float[] out = a.clone();
    normalizeInPlace(out);
    return out;
  }

  /**
   * Scales a vector to unit length in place; a zero vector is left unchanged.
   *
   * @param a the vector to scale
   */
  public static void normalizeInPlace(float[] a) {
    double n = norm(a);
    if (n == 0) {
      return;
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (a[i] / n);
    }
  }

  static void requireSameLength(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
    }
  }

  static int requireSameDimension(java.util.List<float[]> vectors) {
    int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
    for (int i = 1; i < vectors.size(); i++) {
      if (vectors.get(i).length != dim) {
        throw new IllegalArgumentException(
            "vector " + i + " has dimension " + vectors.get(i).length + ", expected " + dim);
      }
    }
    return dim;
  }
}
