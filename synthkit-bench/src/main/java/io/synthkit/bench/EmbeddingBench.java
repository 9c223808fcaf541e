package io.synthkit.bench;

import com.sun.management.OperatingSystemMXBean;
import io.synthkit.embed.onnx.MiniLmEmbedder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Throughput of the in-process MiniLM embedder ({@code synthkit-embeddings-onnx}) at batch sizes 1 (exact mode), 16,
 * 32 and 64 (batched mode), with model load time, resident memory, and how far batched vectors drift from exact ones.
 *
 * <p>Run: {@code bin/bench EmbeddingBench [sentences=2000] [threads=all processors] [repetitions=3]
 * [batch sizes=1,16,32,64]}. RSS is cumulative over the configurations of one run; pass a single batch size to see
 * one embedder's own footprint. The sentences
 * are generated with a fixed seed from templates in three registers (news, instructions, questions), like the short
 * texts synthkit embeds for dedup, diversity metrics and persona retrieval; a third get a second sentence. Each
 * configuration gets a fresh embedder, one warm-up pass over 300 sentences, then {@code repetitions} timed passes over
 * all of them in calls of 256 texts. The best pass is reported (the machine is shared, so the best is the least
 * disturbed), with embeddings per CPU-second of the whole process, which contention changes less.
 */
public final class EmbeddingBench {

  private static final long SEED = 20261122L;
  private static final int CALL_SIZE = 256;

  private EmbeddingBench() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional sentence count, thread count, repetitions and comma-separated batch sizes
   */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int[] batchSizes = Arrays.stream((args.length > 3 ? args[3] : "1,16,32,64").split(","))
        .mapToInt(Integer::parseInt).toArray();
    List<String> sentences = sentences(count);
    IntSummaryStatistics words = sentences.stream().mapToInt(s -> s.split(" ").length).summaryStatistics();
    System.out.printf("%d sentences, %d-%d words (mean %.1f); %d threads; JDK %s; %d processors; load %.2f%n",
        count, words.getMin(), words.getMax(), words.getAverage(), threads, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), os().getSystemLoadAverage());
    System.out.printf("RSS before loading: %s%n", rss());
    @Nullable List<float[]> exact = null;
    for (int batchSize : batchSizes) {
      long start = System.nanoTime();
      try (MiniLmEmbedder embedder = MiniLmEmbedder.create(batchSize, threads)) {
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        embedder.embed(sentences.subList(0, Math.min(300, count)));
        double best = 0;
        double perCpu = 0;
        @Nullable List<float[]> vectors = null;
        for (int r = 0; r < repetitions; r++) {
          long cpu0 = os().getProcessCpuTime();
          long t0 = System.nanoTime();
          vectors = embedAll(embedder, sentences);
          double seconds = (System.nanoTime() - t0) / 1e9;
          double cpuSeconds = (os().getProcessCpuTime() - cpu0) / 1e9;
          if (count / seconds > best) {
            best = count / seconds;
            perCpu = count / cpuSeconds;
          }
        }
        exact = batchSize == 1 ? vectors : exact;
        System.out.printf("batch %2d (%s): load %.2f s, %5.0f emb/s (best of %d), %4.0f emb per CPU-s, RSS %s%s%n",
            batchSize, embedder.id(), loadSeconds, best, repetitions, perCpu, rss(), drift(exact, vectors));
      }
    }
  }

  private static List<float[]> embedAll(MiniLmEmbedder embedder, List<String> sentences) {
    List<float[]> out = new ArrayList<>(sentences.size());
    for (int from = 0; from < sentences.size(); from += CALL_SIZE) {
      out.addAll(embedder.embed(sentences.subList(from, Math.min(sentences.size(), from + CALL_SIZE))));
    }
    return out;
  }

  /** Describes cos(batched, exact) over all sentences; empty for the exact run itself or without one. */
  private static String drift(@Nullable List<float[]> exact, @Nullable List<float[]> vectors) {
    if (exact == null || vectors == null || exact == vectors) {
      return "";
    }
    double min = 1;
    double sum = 0;
    for (int i = 0; i < exact.size(); i++) {
      double cos = 0;
      for (int d = 0; d < exact.get(i).length; d++) {
        cos += exact.get(i)[d] * vectors.get(i)[d];
      }
      min = Math.min(min, cos);
      sum += cos;
    }
    return String.format(", cos to exact min %.4f mean %.4f", min, sum / exact.size());
  }

  private static OperatingSystemMXBean os() {
    return (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  }

  /** Resident set size from /proc (Linux); most of the model's memory is native, invisible to the heap. */
  private static String rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MB";
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: report nothing rather than guess.
    }
    return "n/a";
  }

  private static List<String> sentences(int count) {
    String[][] news = {
        {"The city council", "A regional hospital", "The university library", "A small software company",
            "The national weather service", "Local farmers", "The museum of modern art", "A group of volunteers"},
        {"announced", "postponed", "approved", "criticised", "expanded", "quietly cancelled", "celebrated"},
        {"a new recycling programme", "plans for a second bridge", "its annual budget", "a study on sleep and memory",
            "the winter festival", "a grant for rural broadband", "free evening classes for adults"},
        {"on Tuesday.", "after months of debate.", "despite strong opposition from residents.",
            "to the surprise of many observers.", "ahead of the elections next spring.", "."}};
    String[][] instructions = {
        {"Write", "Summarise", "Explain", "Translate", "Rewrite", "List", "Draft"},
        {"a short poem about", "the main arguments for", "in simple terms how", "three common mistakes in",
            "a polite email about", "a step-by-step guide to"},
        {"autumn leaves", "remote work", "photosynthesis works", "learning a second language",
            "a delayed invoice", "brewing coffee with a French press", "binary search", "climate adaptation"},
        {"", "for a ten-year-old", "in under 100 words", "using bullet points", "with one concrete example"}};
    String[][] questions = {
        {"How do I", "Why does", "What is the best way to", "Can you help me", "Is it safe to", "When should I"},
        {"fix a leaking tap", "my sourdough collapse in the oven", "invest a small inheritance",
            "understand recursion", "store cooked rice overnight", "replace my bicycle chain",
            "prepare for a job interview in finance"},
        {"", "without special tools", "if I only have an hour", "on a tight budget"}};
    String[] followUps = {"Keep it friendly.", "The audience has little background and limited time to read.",
        "Mention any risks I should know about before I start, and what it would cost if I got it wrong."};
    Random random = new Random(SEED);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int register = random.nextInt(3);
      String[][] template = register == 0 ? news : register == 1 ? instructions : questions;
      List<String> parts = new ArrayList<>();
      for (String[] slot : template) {
        String part = slot[random.nextInt(slot.length)];
        if (!part.isEmpty()) {
          parts.add(part);
        }
      }
      String sentence = String.join(" ", parts).replace(" .", ".");
      sentence += register == 0 ? "" : register == 1 ? "." : "?";
      out.add(random.nextInt(3) == 0 ? sentence + " " + followUps[random.nextInt(followUps.length)] : sentence);
    }
    return out;
  }
}
