package io.synthkit.bench;

import io.synthkit.vector.GroupCheck;
import java.lang.management.ManagementFactory;
import io.synthkit.vector.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DataGen group checking (L2 &lt; 0.3 on unit vectors, keep first) over random embeddings, streaming against kept
 * items with {@link GroupCheck#offerAll}.
 *
 * <p>Usage: {@code bin/bench GroupCheckBench [vectors=100000] [dim=384]}. Vectors are seeded Gaussian, normalised;
 * 1% are planted near copies of an earlier vector (cosine ≈ 0.99), which the check must drop. The scan is exact; an
 * O(n²) brute force would be 5·10⁹ dot products of 384 floats at n = 100,000.
 */
public final class GroupCheckBench {

  private GroupCheckBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional vector count and dimension
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
    SplittableRandom random = new SplittableRandom(7);
    List<float[]> vectors = new ArrayList<>(n);
    int planted = 0;
    // Per-coordinate noise with total variance 0.02 gives cosine about 1/sqrt(1.02) = 0.99 to the original.
    double noise = Math.sqrt(0.02 / dim);
    for (int i = 0; i < n; i++) {
      boolean plant = i > 100 && random.nextInt(100) == 0;
      vectors.add(plant ? near(vectors.get(random.nextInt(i)), noise, random) : gaussianUnit(dim, random));
      planted += plant ? 1 : 0;
    }
    System.gc();
    HeapPeak.reset();
    GroupCheck check = new GroupCheck(dim, GroupCheck.Options.dataGen());
    double cpuStart = HeapPeak.cpuSeconds();
    long start = System.nanoTime();
    int[] duplicateOf = check.offerAll(vectors);
    double seconds = (System.nanoTime() - start) / 1e9;
    int dropped = 0;
    for (int d : duplicateOf) {
      dropped += d >= 0 ? 1 : 0;
    }
    System.out.printf("%,d vectors of dim %d, %d cores%n", n, dim, Runtime.getRuntime().availableProcessors());
    System.out.printf("%,d items in %.2f s = %,.0f items/s (%.2e pair checks/s against kept items)%n", n, seconds,
        n / seconds, (double) check.kept() * n / 2 / seconds);
    System.out.printf("process CPU %.1f s over %.1f s wall (load average %.1f)%n", HeapPeak.cpuSeconds() - cpuStart,
        seconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("dropped %,d (planted %,d), kept %,d%n", dropped, planted, check.kept());
    System.out.println(HeapPeak.describe());
  }

  private static float[] gaussianUnit(int dim, SplittableRandom random) {
    float[] v = new float[dim];
    for (int d = 0; d < dim; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return Vectors.normalize(v);
  }

  private static float[] near(float[] v, double noise, SplittableRandom random) {
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = (float) (v[d] + noise * random.nextGaussian());
    }
    return Vectors.normalize(out);
  }

}
