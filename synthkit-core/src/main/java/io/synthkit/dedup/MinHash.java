package io.synthkit.dedup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures compatible with datasketch's {@code MinHash(num_perm, seed=1, hashfunc=sha1_hash32)} (metrics.md
 * §9). Each shingle's UTF-8 bytes are hashed with {@link #sha1Hash32} (first 4 bytes of SHA-1, little-endian); each
 * permutation maps the hash hv to ((a·hv + b) mod 2⁶⁴ mod P) &amp; 0xFFFFFFFF with P = 2⁶¹−1 (the mod 2⁶⁴ is numpy's
 * uint64 overflow, which Java's long arithmetic reproduces); the signature keeps the minimum per permutation, starting
 * from 2³²−1. Values are unsigned 32-bit numbers stored in an {@code int[]}.
 *
 * <p>Permutations: for seed 1 and up to 128 permutations they are datasketch's own, loaded from the resource
 * {@code datasketch_perms_seed1_n128.tsv} (numpy {@code RandomState(1)} draws, so Java need not reimplement numpy's
 * generator). For any other seed or more than 128 permutations they come from {@link SplittableRandom}(seed), a in
 * [1,P) and b in [0,P) per permutation; such signatures are valid MinHashes but <b>not</b> identical to datasketch's.
 *
 * <p>Immutable and thread-safe.
 */
public final class MinHash {

  /** datasketch's Mersenne prime 2⁶¹−1. */
  public static final long MERSENNE_PRIME = (1L << 61) - 1;
  /** Number of permutations shipped from datasketch. */
  public static final int DATASKETCH_PERMUTATIONS = 128;
  private static final long MAX_HASH = 0xFFFFFFFFL;
  private static final String RESOURCE = "datasketch_perms_seed1_n128.tsv";
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(MinHash::newSha1);

  private final long[] a;
  private final long[] b;
  private final boolean datasketchIdentical;

  private MinHash(long[] a, long[] b, boolean datasketchIdentical) {
    this.a = a;
    this.b = b;
    this.datasketchIdentical = datasketchIdentical;
  }

  /**
   * datasketch's defaults: 128 permutations, seed 1.
   *
   * @return the shared-permutation MinHash
   */
  public static MinHash datasketch() {
    return of(DATASKETCH_PERMUTATIONS, 1);
  }

  /**
   * A MinHash with the given number of permutations and seed.
   *
   * @param numPerm number of permutations, at least 2
   * @param seed datasketch's seed; only seed 1 with numPerm ≤ 128 reproduces datasketch
   * @return the MinHash
   * @throws IllegalArgumentException when numPerm &lt; 2
   */
  public static MinHash of(int numPerm, long seed) {
    if (numPerm < 2) {
      throw new IllegalArgumentException("numPerm must be at least 2: " + numPerm);
    }
    if (seed == 1 && numPerm <= DATASKETCH_PERMUTATIONS) {
      long[][] perms = DatasketchPermutations.LOADED;
      return new MinHash(Arrays.copyOf(perms[0], numPerm), Arrays.copyOf(perms[1], numPerm), true);
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] a = new long[numPerm];
    long[] b = new long[numPerm];
    for (int i = 0; i < numPerm; i++) {
      a[i] = random.nextLong(1, MERSENNE_PRIME);
      b[i] = random.nextLong(0, MERSENNE_PRIME);
    }
    return new MinHash(a, b, false);
  }

  /**
   * Returns the number of permutations.
   *
   * @return the signature length
   */
  public int numPerm() {
    return a.length;
  }

  /**
   * Tells whether signatures equal datasketch's bit for bit.
   *
   * @return true for seed 1 with at most 128 permutations
   */
  public boolean datasketchIdentical() {
    return datasketchIdentical;
  }

  /**
   * Returns permutation i's multiplier.
   *
   * @param i the permutation index
   * @return a_i in [1, P)
   */
  public long a(int i) {
    return a[i];
  }

  /**
   * Returns permutation i's offset.
   *
   * @param i the permutation index
   * @return b_i in [0, P)
   */
  public long b(int i) {
    return b[i];
  }

  /**
   * Computes the signature of a shingle set. An empty set gives all 0xFFFFFFFF, and two such signatures have
   * Jaccard 1, as in datasketch; skip texts without shingles.
   *
   * @param shingles the shingles, hashed as UTF-8
   * @return the signature, unsigned values in an int[]
   */
  public int[] signature(Iterable<String> shingles) {
    long[] hashes = new long[16];
    int count = 0;
    for (String s : shingles) {
      if (count == hashes.length) {
        hashes = Arrays.copyOf(hashes, count * 2);
      }
      hashes[count++] = sha1Hash32(s.getBytes(StandardCharsets.UTF_8));
    }
    return signatureOfHashes(hashes, count);
  }

  /**
   * Computes the signature from already hashed shingles (for example {@link #sha1Hash32} values).
   *
   * @param hashes 32-bit shingle hashes, as unsigned values in longs
   * @param count how many leading entries of {@code hashes} to use
   * @return the signature, unsigned values in an int[]
   */
  public int[] signatureOfHashes(long[] hashes, int count) {
    int[] sig = new int[a.length];
    for (int i = 0; i < sig.length; i++) {
      long ai = a[i];
      long bi = b[i];
      long min = MAX_HASH;
      // Permutation-major order keeps the running minimum in a register.
      for (int k = 0; k < count; k++) {
        min = Math.min(min, mersenneMod(ai * hashes[k] + bi) & MAX_HASH);
      }
      sig[i] = (int) min;
    }
    return sig;
  }

  /**
   * Reduces an unsigned 64-bit value modulo 2⁶¹−1; equal to {@code Long.remainderUnsigned(x, P)} without a division:
   * x = hi·2⁶¹ + lo and 2⁶¹ ≡ 1 (mod P), so x ≡ hi + lo, which is below 2P.
   *
   * @param x an unsigned 64-bit value
   * @return x mod P
   */
  static long mersenneMod(long x) {
    long r = (x & MERSENNE_PRIME) + (x >>> 61);
    return r >= MERSENNE_PRIME ? r - MERSENNE_PRIME : r;
  }

  /**
   * datasketch's {@code sha1_hash32}: the first 4 bytes of SHA-1 read as a little-endian unsigned 32-bit integer.
   *
   * @param data the bytes to hash
   * @return a value in [0, 2³²)
   */
  public static long sha1Hash32(byte[] data) {
    byte[] d = SHA1.get().digest(data);
    return (d[0] & 0xFFL) | (d[1] & 0xFFL) << 8 | (d[2] & 0xFFL) << 16 | (d[3] & 0xFFL) << 24;
  }

  /**
   * Estimates Jaccard similarity as datasketch does: the share of equal positions.
   *
   * @param s1 a signature
   * @param s2 a signature of the same length
   * @return equal positions / length
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double jaccard(int[] s1, int[] s2) {
    if (s1.length != s2.length) {
      throw new IllegalArgumentException("signature lengths differ: " + s1.length + " vs " + s2.length);
    }
    int equal = 0;
    for (int i = 0; i < s1.length; i++) {
      equal += s1[i] == s2[i] ? 1 : 0;
    }
    return (double) equal / s1.length;
  }

  /**
   * Tells whether a signature is that of an empty shingle set.
   *
   * @param signature a signature
   * @return true when every value is 0xFFFFFFFF
   */
  public static boolean isEmpty(int[] signature) {
    for (int v : signature) {
      if (v != -1) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  /** Lazily loaded datasketch permutations (holder idiom). */
  private static final class DatasketchPermutations {
    static final long[][] LOADED = load();

    private static long[][] load() {
      long[][] perms = new long[2][DATASKETCH_PERMUTATIONS];
      int count = 0;
      try (InputStream in = MinHash.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource io/synthkit/dedup/" + RESOURCE);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.isBlank() || line.startsWith("#") || line.startsWith("i\t")) {
            continue;
          }
          String[] f = line.split("\t");
          int i = Integer.parseInt(f[0]);
          perms[0][i] = Long.parseLong(f[1]);
          perms[1][i] = Long.parseLong(f[2]);
          count++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (count != DATASKETCH_PERMUTATIONS) {
        throw new IllegalStateException(RESOURCE + " holds " + count + " permutations, expected 128");
      }
      return perms;
    }
  }
}
