package io.synthkit.bench;

import io.synthkit.dedup.MinHash;
import io.synthkit.dedup.NearDuplicateIndex;
import io.synthkit.dedup.Shingler;
import java.lang.management.ManagementFactory;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * MinHash LSH near-duplicate detection over generated short texts.
 *
 * <p>Usage: {@code bin/bench MinHashBench [texts=1000000] [threshold=0.8]}. Texts have 8–20 words drawn from a seeded
 * 30,000-word vocabulary with a Zipf-like skew; about 5% are planted near-duplicates of an earlier text (one word
 * replaced when it has at least 12 distinct words, one word appended otherwise, so the true Jaccard is ≥ 0.82).
 * Shingles are word unigrams, signatures datasketch-compatible (128 permutations, seed 1). Signatures are computed in
 * parallel chunks (one thread per core) while the previous chunk is fed to the {@link NearDuplicateIndex} on the main
 * thread.
 */
public final class MinHashBench {

  private static final int CHUNK = 50_000;

  private MinHashBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional text count and threshold
   */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double threshold = args.length > 1 ? Double.parseDouble(args[1]) : 0.8;
    long t0 = System.nanoTime();
    Corpus corpus = Corpus.generate(n, 42);
    System.out.printf("generated %,d texts (%,d planted near-duplicates) in %.1f s%n", n, corpus.planted(),
        (System.nanoTime() - t0) / 1e9);
    System.gc();
    HeapPeak.reset();
    MinHash minHash = MinHash.datasketch();
    Shingler shingler = Shingler.words();
    NearDuplicateIndex index = new NearDuplicateIndex(minHash, shingler, threshold);
    int[] found = new int[n];
    double cpuStart = HeapPeak.cpuSeconds();
    long start = System.nanoTime();
    CompletableFuture<int[][]> next = signAsync(corpus.texts(), 0, minHash, shingler);
    long waited = 0;
    for (int from = 0; from < n; from += CHUNK) {
      long w = System.nanoTime();
      int[][] sigs = next.join();
      waited += System.nanoTime() - w;
      if (from + CHUNK < n) {
        next = signAsync(corpus.texts(), from + CHUNK, minHash, shingler);
      }
      for (int i = 0; i < sigs.length; i++) {
        OptionalInt d = index.offer(sigs[i]);
        found[from + i] = d.orElse(-1);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("waiting for signatures %.1f s of %.1f s%n", waited / 1e9, seconds);
    System.out.printf("process CPU %.1f s over %.1f s wall (load average %.1f)%n", HeapPeak.cpuSeconds() - cpuStart,
        seconds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    report(corpus, found, index, threshold, seconds);
  }

  // One signing thread per core; the inserting main thread is lighter and shares the cores with them. (The common
  // pool has only cores−1 workers, so a parallel stream started from one of its tasks would run on one thread.)
  private static final ForkJoinPool SIGNERS = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

  private static CompletableFuture<int[][]> signAsync(String[] texts, int from, MinHash minHash, Shingler shingler) {
    int to = Math.min(texts.length, from + CHUNK);
    return CompletableFuture.supplyAsync(() -> IntStream.range(from, to).parallel()
        .mapToObj(i -> minHash.signature(shingler.shingles(texts[i]))).toArray(int[][]::new), SIGNERS);
  }

  private static void report(
      Corpus corpus, int[] found, NearDuplicateIndex index, double threshold, double seconds) {
    int flagged = 0;
    int plantedFound = 0;
    int falseFlags = 0;
    for (int i = 0; i < found.length; i++) {
      if (found[i] >= 0) {
        flagged++;
        if (corpus.source()[i] >= 0) {
          plantedFound++;
        } else {
          falseFlags++;
        }
      }
    }
    int n = found.length;
    System.out.printf("threshold %.2f, LSH %s, %d cores%n", threshold, index.params(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%,d texts in %.2f s = %,.0f texts/s%n", n, seconds, n / seconds);
    System.out.printf("near-duplicates found %,d: planted %,d of %,d (%.2f%%), unplanted %,d; kept %,d%n", flagged,
        plantedFound, corpus.planted(), 100.0 * plantedFound / Math.max(1, corpus.planted()), falseFlags,
        index.kept());
    System.out.println(HeapPeak.describe());
  }

  /** Seeded synthetic texts; source[i] is the planted original of text i, or −1. */
  record Corpus(String[] texts, int[] source, int planted) {
    static Corpus generate(int n, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      String[] vocabulary = vocabulary(30_000, random);
      String[] texts = new String[n];
      int[] source = new int[n];
      int planted = 0;
      for (int i = 0; i < n; i++) {
        source[i] = -1;
        if (i >= 1000 && random.nextInt(20) == 0) {
          int s = random.nextInt(i);
          while (source[s] >= 0) {
            s = source[s];
          }
          texts[i] = nearCopy(texts[s], vocabulary, random);
          source[i] = s;
          planted++;
        } else {
          texts[i] = text(vocabulary, random);
        }
      }
      return new Corpus(texts, source, planted);
    }

    private static String[] vocabulary(int size, SplittableRandom random) {
      String[] words = new String[size];
      for (int w = 0; w < size; w++) {
        StringBuilder sb = new StringBuilder();
        int len = 3 + random.nextInt(7);
        for (int c = 0; c < len; c++) {
          sb.append((char) ('a' + random.nextInt(26)));
        }
        words[w] = sb.toString() + w; // the suffix keeps words distinct
      }
      return words;
    }

    private static String word(String[] vocabulary, SplittableRandom random) {
      // Skewed toward low ranks, like natural text: rank = size * u^3.
      double u = random.nextDouble();
      return vocabulary[(int) (vocabulary.length * u * u * u)];
    }

    private static String text(String[] vocabulary, SplittableRandom random) {
      int len = 8 + random.nextInt(13);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < len; k++) {
        sb.append(k == 0 ? "" : " ").append(word(vocabulary, random));
      }
      return sb.toString();
    }

    private static String nearCopy(String original, String[] vocabulary, SplittableRandom random) {
      String[] words = original.split(" ");
      long distinct = java.util.Arrays.stream(words).distinct().count();
      String fresh = "new" + random.nextInt(1_000_000_000);
      if (distinct >= 12) {
        words[random.nextInt(words.length)] = fresh;
        return String.join(" ", words);
      }
      return original + " " + fresh;
    }
  }
}
