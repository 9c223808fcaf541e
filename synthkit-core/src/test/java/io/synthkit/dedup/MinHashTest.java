package io.synthkit.dedup;

import static io.synthkit.testdata.MetricsCorpus.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Vectors: metrics.md §9 (datasketch MinHash, num_perm=128, seed=1).
class MinHashTest {

  private static final MinHash MH = MinHash.datasketch();

  private static int[] sig(Shingler shingler, int id) {
    return MH.signature(shingler.shingles(TEXTS.get(id)));
  }

  @ParameterizedTest
  @CsvSource({"The, 3624791955", "cat, 2375981213", "mat., 1311766014", "hello, 499578026"})
  void sha1Hash32_matchesDatasketch(String word, long expected) {
    assertThat(MinHash.sha1Hash32(word.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @Test
  void datasketch_loadsSeedOnePermutations() {
    assertThat(MH.numPerm()).isEqualTo(128);
    assertThat(MH.datasketchIdentical()).isTrue();
    assertThat(MH.a(0)).isEqualTo(775169054918279404L);
    assertThat(MH.b(0)).isEqualTo(1758426461858698312L);
    assertThat(MinHash.of(16, 1).a(15)).isEqualTo(MH.a(15));
  }

  @Test
  void signature_wordUnigrams_firstValuesMatchDatasketch() {
    int[] s = sig(Shingler.words(), 0);
    assertThat(unsigned(s, 8)).containsExactly(85460458L, 1113320535L, 193994499L, 1288162343L, 136245013L,
        1108699914L, 851707334L, 464199980L);
  }

  @Test
  void signature_lowercaseWordTrigrams_firstValuesMatchDatasketch() {
    int[] s = sig(Shingler.wordNGrams(3), 0);
    assertThat(unsigned(s, 8)).containsExactly(287571589L, 684869602L, 907564938L, 709950761L, 395822127L,
        383032811L, 275109479L, 1319132943L);
  }

  private static long[] unsigned(int[] s, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Integer.toUnsignedLong(s[i]);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "0, 1, 0.8571428571428571, 0.8515625",
    "2, 3, 0.5555555555555556, 0.53125",
    "4, 5, 0.75, 0.7421875",
    "0, 3, 0.16666666666666666, 0.1171875",
    "6, 7, 0.0, 0.0",
  })
  void jaccard_wordUnigrams_matchesReference(int i, int j, double exact, double estimate) {
    assertThat(exactJaccard(Shingler.words(), i, j)).isEqualTo(exact);
    assertThat(MinHash.jaccard(sig(Shingler.words(), i), sig(Shingler.words(), j))).isEqualTo(estimate);
  }

  @ParameterizedTest
  @CsvSource({"0, 1, 0.5, 0.5", "4, 5, 0.25, 0.3203125", "2, 3, 0.0, 0.0", "0, 3, 0.0, 0.0", "6, 7, 0.0, 0.0"})
  void jaccard_wordTrigrams_matchesReference(int i, int j, double exact, double estimate) {
    Shingler tri = Shingler.wordNGrams(3);
    assertThat(exactJaccard(tri, i, j)).isEqualTo(exact);
    assertThat(MinHash.jaccard(sig(tri, i), sig(tri, j))).isEqualTo(estimate);
  }

  private static double exactJaccard(Shingler shingler, int i, int j) {
    Set<String> a = shingler.shingles(TEXTS.get(i));
    Set<String> b = shingler.shingles(TEXTS.get(j));
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return (double) a.stream().filter(b::contains).count() / union.size();
  }

  @Test
  void mersenneMod_equalsUnsignedRemainder() {
    SplittableRandom random = new SplittableRandom(9);
    long[] edges = {0, 1, -1, MinHash.MERSENNE_PRIME, MinHash.MERSENNE_PRIME - 1, MinHash.MERSENNE_PRIME + 1,
        2 * MinHash.MERSENNE_PRIME, Long.MIN_VALUE, Long.MAX_VALUE};
    for (long x : edges) {
      assertThat(MinHash.mersenneMod(x)).as("x=%s", Long.toUnsignedString(x))
          .isEqualTo(Long.remainderUnsigned(x, MinHash.MERSENNE_PRIME));
    }
    for (int i = 0; i < 100_000; i++) {
      long x = random.nextLong();
      assertThat(MinHash.mersenneMod(x)).isEqualTo(Long.remainderUnsigned(x, MinHash.MERSENNE_PRIME));
    }
  }

  @Test
  void of_otherSeedOrSize_isGeneratedAndSeeded() {
    MinHash m = MinHash.of(256, 1);
    assertThat(m.datasketchIdentical()).isFalse();
    assertThat(MinHash.of(64, 7).a(3)).isEqualTo(MinHash.of(64, 7).a(3)).isNotEqualTo(MinHash.of(64, 8).a(3));
    for (int i = 0; i < m.numPerm(); i++) {
      assertThat(m.a(i)).isBetween(1L, MinHash.MERSENNE_PRIME - 1);
      assertThat(m.b(i)).isBetween(0L, MinHash.MERSENNE_PRIME - 1);
    }
    assertThatThrownBy(() -> MinHash.of(1, 1)).hasMessage("numPerm must be at least 2: 1");
  }

  @Test
  void of_twoPermutationsSeedOne_isDatasketchsFirstTwo() {
    MinHash two = MinHash.of(2, 1);
    assertThat(two.numPerm()).isEqualTo(2);
    assertThat(two.datasketchIdentical()).isTrue();
    assertThat(two.a(0)).isEqualTo(775169054918279404L);
    assertThat(two.b(0)).isEqualTo(1758426461858698312L);
    assertThat(MinHash.of(2, 5).numPerm()).isEqualTo(2);
  }

  @Test
  void signatureOfHashes_isTheMinimumPermutedHashPerPosition() {
    // One permutation by hand: ((a*hv + b) mod 2^64 mod P) & 0xFFFFFFFF, minimum over the hashes, from 2^32-1.
    MinHash mh = MinHash.of(3, 11);
    long[] hashes = {0L, 1L, 0xFFFFFFFFL, 123456789L};
    int[] sig = mh.signatureOfHashes(hashes, 4);
    for (int i = 0; i < 3; i++) {
      long min = 0xFFFFFFFFL;
      for (long hv : hashes) {
        long permuted = Long.remainderUnsigned(mh.a(i) * hv + mh.b(i), MinHash.MERSENNE_PRIME) & 0xFFFFFFFFL;
        min = Math.min(min, permuted);
      }
      assertThat(Integer.toUnsignedLong(sig[i])).as("position %d", i).isEqualTo(min);
    }
    // Only the first `count` hashes take part.
    assertThat(mh.signatureOfHashes(hashes, 0)).containsOnly(-1);
    assertThat(mh.signatureOfHashes(hashes, 1)).isEqualTo(mh.signatureOfHashes(new long[] {0L}, 1));
  }

  @Test
  void signature_manyShingles_growsPastTheInitialBuffer() {
    // 40 shingles (more than the 16-slot start buffer): equal to the signature from the hashes computed here.
    List<String> shingles = new java.util.ArrayList<>();
    long[] hashes = new long[40];
    for (int i = 0; i < 40; i++) {
      shingles.add("w" + i);
      hashes[i] = MinHash.sha1Hash32(("w" + i).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(MH.signature(shingles)).isEqualTo(MH.signatureOfHashes(hashes, 40));
    assertThat(MH.signature(shingles)).isNotEqualTo(MH.signature(shingles.subList(0, 16)));
  }

  @Test
  void jaccard_lengthMismatch_throws() {
    assertThatThrownBy(() -> MinHash.jaccard(new int[3], new int[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("signature lengths differ: 3 vs 4");
    assertThat(MinHash.jaccard(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 0})).isEqualTo(0.5);
  }

  @Test
  void signature_emptySet_isAllMax() {
    int[] empty = MH.signature(List.of());
    assertThat(MinHash.isEmpty(empty)).isTrue();
    assertThat(MinHash.isEmpty(sig(Shingler.words(), 0))).isFalse();
    assertThat(MinHash.jaccard(empty, MH.signature(Set.of()))).isEqualTo(1.0);
  }

  @Test
  void shingler_wordNGrams_lowercasesAndJoins() {
    assertThat(Shingler.wordNGrams(2).shingles("A b  C")).containsExactly("a b", "b c");
    assertThat(Shingler.wordNGrams(3).shingles("too short")).isEmpty();
    assertThat(Shingler.words().shingles("x y x")).containsExactly("x", "y");
    assertThatThrownBy(() -> Shingler.wordNGrams(0)).hasMessage("n must be positive: 0");
  }
}
