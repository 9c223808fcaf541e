package io.synthkit.bench;

import io.synthkit.retrieval.lucene.CorpusIndexer;
import io.synthkit.retrieval.lucene.search.LuceneRetriever;
import io.synthkit.spi.Passage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Indexing throughput and warm query latency of {@code synthkit-lucene} on a synthetic corpus.
 *
 * <p>Run: {@code bin/bench LuceneBench [documents=100000] [queries=1000] [threads=min(4, cores)]}.
 * The corpus is generated with a fixed seed:
 * a 50,000-word made-up vocabulary drawn with a Zipf distribution (like real text, a few words are very common),
 * 2–3-word titles from the rarer words, and bodies of 50–350 words (mean 200, so about a third of the documents are
 * split into two passages). Queries are 1–3-word entity names taken from titles, like the names a model asks about.
 * Latency is measured one query at a time after an equal number of warm-up queries, top 3 passages each.
 */
public final class LuceneBench {

  private static final int VOCABULARY = 50_000;
  private static final long SEED = 20261122L;

  private LuceneBench() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional document count and query count
   * @throws IOException when the temporary corpus or index cannot be written
   */
  public static void main(String[] args) throws IOException {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2])
        : Math.min(4, Runtime.getRuntime().availableProcessors());
    Path work = Files.createTempDirectory("synthkit-lucene-bench");
    try {
      Path corpus = work.resolve("corpus.jsonl");
      List<String> titles = writeCorpus(corpus, documents);
      Path index = work.resolve("index");
      CorpusIndexer.Summary summary = CorpusIndexer.builder().threads(threads).build()
          .index(corpus, index, (d, p) -> {});
      report(summary, threads, Files.size(corpus), size(index));
      measureQueries(index, titles, queries);
    } finally {
      delete(work);
    }
  }

  private static List<String> writeCorpus(Path file, int documents) throws IOException {
    String[] words = vocabulary();
    double[] cumulative = zipf(VOCABULARY, 1.07);
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> titles = new ArrayList<>(documents);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder text = new StringBuilder();
      for (int d = 0; d < documents; d++) {
        // Titles from the rarer half of the vocabulary, so that they work as entity names.
        int titleWords = 2 + random.nextInt(2);
        StringBuilder title = new StringBuilder();
        for (int w = 0; w < titleWords; w++) {
          String word = words[VOCABULARY / 2 + random.nextInt(VOCABULARY / 2)];
          title.append(w == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        titles.add(title.toString());
        text.setLength(0);
        text.append(title).append(" is a ");
        int length = 50 + random.nextInt(301);
        for (int w = 0; w < length; w++) {
          text.append(words[draw(cumulative, random.nextDouble())]);
          text.append(w % 15 == 14 ? ". " : " ");
        }
        out.write("{\"id\":\"d" + d + "\",\"title\":\"" + title + "\",\"text\":\"" + text.toString().strip() + "\"}\n");
      }
    }
    return titles;
  }

  private static void measureQueries(Path index, List<String> titles, int queries) {
    Random random = new Random(SEED);
    String[] warm = new String[queries];
    String[] timed = new String[queries];
    for (int i = 0; i < queries; i++) {
      warm[i] = query(titles.get(random.nextInt(titles.size())), random);
      timed[i] = query(titles.get(random.nextInt(titles.size())), random);
    }
    try (LuceneRetriever retriever = LuceneRetriever.open(index)) {
      long sink = 0;
      for (String q : warm) sink += retriever.search(q, 3).size();
      long[] nanos = new long[queries];
      int hits = 0;
      for (int i = 0; i < queries; i++) {
        long start = System.nanoTime();
        List<Passage> found = retriever.search(timed[i], 3);
        nanos[i] = System.nanoTime() - start;
        sink += found.size();
        if (!found.isEmpty()) hits++;
      }
      Arrays.sort(nanos);
      System.out.printf("queries: %d warm, top-3: median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms "
              + "(%d with results; checksum %d)%n", queries, ms(nanos[queries / 2]), ms(nanos[queries * 9 / 10]),
          ms(nanos[queries * 99 / 100]), ms(nanos[queries - 1]), hits, sink);
    }
  }

  /** One to three words of a title, as a model would name the entity (sometimes only the distinctive part). */
  private static String query(String title, Random random) {
    String[] words = title.split(" ");
    int take = 1 + random.nextInt(words.length);
    return String.join(" ", Arrays.copyOfRange(words, words.length - take, words.length));
  }

  private static void report(CorpusIndexer.Summary s, int threads, long corpusBytes, long indexBytes) {
    double seconds = s.buildTime().toNanos() / 1e9;
    System.out.printf("java %s, %d cores%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf("indexed %,d documents (%,d passages, %.1f MB JSONL) with %d threads in %.1f s: %,.0f docs/s, "
            + "%.1f MB/s; index %.1f MB%n", s.documents(), s.passages(), corpusBytes / 1e6, threads, seconds,
        s.documentsPerSecond(), corpusBytes / 1e6 / seconds, indexBytes / 1e6);
  }

  private static String[] vocabulary() {
    String[] syllables = {"ka", "lo", "mi", "ra", "ten", "sol", "vi", "dor", "an", "el", "qu", "is", "bar", "nu",
        "pe", "tor", "ia", "gen", "ul", "zo"};
    String[] words = new String[VOCABULARY];
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < VOCABULARY; i++) {
      StringBuilder w = new StringBuilder();
      int n = 2 + random.nextInt(3);
      for (int s = 0; s < n; s++) w.append(syllables[random.nextInt(syllables.length)]);
      words[i] = w.append(Integer.toString(i, 36)).toString(); // suffix keeps words distinct
    }
    return words;
  }

  private static double[] zipf(int n, double exponent) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, exponent);
    for (int i = 0; i < n; i++) cumulative[i] /= sum;
    return cumulative;
  }

  private static int draw(double[] cumulative, double u) {
    int i = Arrays.binarySearch(cumulative, u);
    return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
