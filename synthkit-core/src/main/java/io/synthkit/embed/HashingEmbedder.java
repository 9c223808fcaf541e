package io.synthkit.embed;

import io.synthkit.spi.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A model-free embedder that hashes lowercased word unigrams and bigrams into a fixed number of signed buckets (the
 * "hashing trick", Weinberger et al. 2009) and L2-normalises the counts.
 *
 * <p>It is <b>lexical only</b>: texts score as similar when they share words, never when they share meaning ("car" and
 * "automobile" are unrelated to it). Use it for tests, for examples, and on machines without the
 * {@code synthkit-embeddings-onnx} module; use provider {@code local} or {@code openai} for real runs.
 *
 * <p>Words are maximal runs of Unicode letters and digits, lowercased with {@link Locale#ROOT}; scripts written without
 * spaces therefore yield one "word" per run. A text without words (empty, blank, punctuation only) maps to one fixed
 * unit vector whose components are all {@code 1/sqrt(dimension)}. The hash is FNV-1a over the UTF-16 code units with a
 * MurmurHash3 finaliser, so vectors are identical on every JVM and platform.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HashingEmbedder implements Embedder {

  /** The dimension used by provider {@code hashing}. */
  public static final int DEFAULT_DIMENSION = 256;

  private final int dimension;

  /** Creates an embedder with {@link #DEFAULT_DIMENSION} buckets. */
  public HashingEmbedder() {
    this(DEFAULT_DIMENSION);
  }

  /**
   * Creates an embedder with a chosen number of buckets.
   *
   * @param dimension the vector length; at least 2
   */
  public HashingEmbedder(int dimension) {
    if (dimension < 2) {
      throw new IllegalArgumentException("dimension must be at least 2: " + dimension);
    }
    this.dimension = dimension;
  }

  /**
   * Returns {@code hashing:<dimension>}; the dimension is part of the id because it changes every vector.
   *
   * @return for example {@code hashing:256}
   */
  @Override
  public String id() {
    return "hashing:" + dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (String text : texts) {
      vectors.add(vector(Objects.requireNonNull(text, "text")));
    }
    return vectors;
  }

  private float[] vector(String text) {
    List<String> words = words(text);
    float[] v = new float[dimension];
    for (int i = 0; i < words.size(); i++) {
      add(v, words.get(i));
      if (i > 0) {
        // The separator cannot occur inside a word, so a bigram never collides with a unigram by construction.
        add(v, words.get(i - 1) + ' ' + words.get(i));
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      // No words, or (very rarely) signed collisions that cancel out exactly.
      Arrays.fill(v, (float) (1 / Math.sqrt(dimension)));
      return v;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  private void add(float[] v, String feature) {
    long h = hash(feature);
    int bucket = (int) Long.remainderUnsigned(h, dimension);
    // The sign comes from the top bit, independent of the bucket bits, so collisions cancel on average instead of
    // inflating similarity between unrelated texts.
    v[bucket] += h < 0 ? -1f : 1f;
  }

  static List<String> words(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      boolean wordChar = Character.isLetterOrDigit(cp);
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(lower.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(lower.substring(start));
    }
    return words;
  }

  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    // FNV-1a alone leaves the low bits poorly mixed for short strings; fmix64 from MurmurHash3 fixes that.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
