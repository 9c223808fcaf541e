package io.synthkit.spark;

import io.synthkit.dedup.ExactDedup;
import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import io.synthkit.spark.cluster.StandaloneCluster;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark, not a test: the global near-duplicate removal ({@link GlobalDedup}) over N generated short texts on a
 * real standalone cluster on this machine (a master and W worker JVMs, one core and 768 MB per executor), then the
 * single-machine dedup stage's code over N/2 of the same texts in this JVM for comparison. Prints the wall time, the
 * peak resident memory of each executor JVM ({@code VmHWM}, read just before the application stops) and of this JVM
 * (the driver), and the peak heap in use here.
 *
 * <p>Texts: 8–30 words from a 5,000-word vocabulary; one in ten repeats an earlier text in other case and spacing, one
 * in ten repeats an earlier text with one word changed (a planted near duplicate).
 *
 * <p>Arguments, all optional: {@code texts} (2000000), {@code workers} (2), {@code work-dir} (a temporary directory),
 * {@code executor-memory} (768m, the tests' size; Spark's size syntax).
 */
public final class GlobalDedupBench {

  private GlobalDedupBench() {}

  /**
   * Entry point.
   *
   * @param args texts workers work-dir executor-memory
   * @throws Exception when the cluster does not start
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("dedup-bench");
    String executorMemory = args.length > 3 ? args[3] : "768m";
    List<String> texts = texts(42, n);
    System.out.printf(Locale.ROOT, "%d texts generated; cluster of %d workers (%s per executor) in %s%n", n, workers,
        executorMemory, dir);
    try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), workers, executorMemory)) {
      SparkSession spark = SparkSession.builder().config(cluster.driverConf("synthkit-dedup-bench")).getOrCreate();
      try {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.parallelize(List.of(1, 2, 3, 4), 4).count(); // executors start on the first job: not part of the figure
        resetHeapPeaks();
        long t0 = System.nanoTime();
        GlobalDedup.Result r = GlobalDedup.run(jsc, texts, GlobalDedup.Params.DEFAULT, Integer.MAX_VALUE);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "cluster: %d texts in %.1f s (%.0f texts/s): kept %d, exact %d, near %d%n",
            n, secs, n / secs, r.kept().size(), r.exact(), r.near());
        for (int w = 0; w < workers; w++) {
          for (ProcessHandle executor : ProcessHandle.of(cluster.workerPid(w)).orElseThrow().descendants().toList()) {
            System.out.printf(Locale.ROOT, "  executor pid %d (worker %d): peak RSS %d MB%n", executor.pid(), w,
                peakRssMb(executor.pid()));
          }
        }
        System.out.printf(Locale.ROOT, "  driver: peak heap in use %d MB, peak RSS %d MB (texts held: %d)%n",
            peakHeapMb(), peakRssMb(ProcessHandle.current().pid()), n);
      } finally {
        spark.stop();
      }
    }
    List<String> half = texts.subList(0, n / 2);
    texts = null; // only the half stays reachable for the single-machine pass
    System.gc();
    resetHeapPeaks();
    long t0 = System.nanoTime();
    int kept = singleMachine(half);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "single machine (one thread, this JVM): %d texts in %.1f s (%.0f texts/s): kept %d;"
        + " peak heap in use %d MB%n", half.size(), secs, half.size() / secs, kept, peakHeapMb());
  }

  /** The single-machine dedup stage's order of work: exact first, then the near-duplicate index, in order. */
  static int singleMachine(List<String> texts) {
    ExactDedup exact = new ExactDedup();
    NearDuplicateIndex near = new NearDuplicateIndex(MinHash.datasketch(), Shingler.words(), 0.8);
    int kept = 0;
    for (String t : texts) {
      if (exact.add(t) && near.offer(t).isEmpty()) {
        kept++;
      }
    }
    return kept;
  }

  static List<String> texts(long seed, int n) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(10);
      if (kind == 0 && !out.isEmpty()) {
        out.add("  " + out.get(rnd.nextInt(out.size())).toUpperCase(Locale.ROOT) + " ");
      } else if (kind == 1 && !out.isEmpty()) {
        String[] words = out.get(rnd.nextInt(out.size())).trim().split("\\s+");
        words[rnd.nextInt(words.length)] = "v" + rnd.nextInt(5000);
        out.add(String.join(" ", words));
      } else {
        StringBuilder b = new StringBuilder();
        int len = 8 + rnd.nextInt(23);
        for (int w = 0; w < len; w++) {
          b.append(w == 0 ? "" : " ").append("v").append(rnd.nextInt(5000));
        }
        out.add(b.toString());
      }
    }
    return out;
  }

  private static long peakRssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static void resetHeapPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any one moment. */
  private static long peakHeapMb() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
  }
}
