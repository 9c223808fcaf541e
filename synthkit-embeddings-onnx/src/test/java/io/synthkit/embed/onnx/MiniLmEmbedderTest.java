package io.synthkit.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {

  private static MiniLmEmbedder exact;
  private static MiniLmEmbedder batched;

  @BeforeAll
  static void load() {
    exact = MiniLmEmbedder.create(1, 2);
    batched = MiniLmEmbedder.create(32, 2);
  }

  @AfterAll
  static void close() {
    exact.close();
    batched.close();
  }

  @Test
  void idAndDimension_nameTheModeAndModel() {
    assertThat(exact.id()).isEqualTo("local:all-minilm-l6-v2-q");
    assertThat(batched.id()).isEqualTo("local:all-minilm-l6-v2-q-batched");
    assertThat(exact.dimension()).isEqualTo(384);
    assertThat(exact.embed("dimension check")).hasSize(384);
  }

  @Test
  void embed_paraphraseScoresHigherThanAnUnrelatedSentence() {
    List<float[]> v = exact.embed(
        List.of("A cat sits on the mat", "A kitten is sitting on a mat", "Quarterly tax filing deadlines"));

    double paraphrase = dot(v.get(0), v.get(1));
    double unrelated = dot(v.get(0), v.get(2));

    assertThat(paraphrase).isGreaterThan(0.6).isGreaterThan(unrelated + 0.3);
  }

  @Test
  void embed_returnsUnitVectorsInBothModes() {
    List<String> texts = List.of("short", "", "A somewhat longer sentence about embedding models and vectors.",
        "Ein Hund läuft im Park", "犬が公園を走っている", "🙂🚀 emoji only?!", "x".repeat(5000));

    for (MiniLmEmbedder embedder : List.of(exact, batched)) {
      assertThat(embedder.embed(texts)).hasSize(texts.size()).allSatisfy(v -> {
        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
      });
    }
  }

  @Test
  void embed_exactModeGivesBitIdenticalVectorsWhateverTheBatch() {
    List<String> texts = sentences(40, 11);
    List<float[]> alone = new ArrayList<>();
    for (String text : texts) {
      alone.add(exact.embed(text));
    }
    List<String> reversed = new ArrayList<>(texts);
    Collections.reverse(reversed);

    List<float[]> together = exact.embed(texts);
    List<float[]> backwards = exact.embed(reversed);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(together.get(i)).containsExactly(alone.get(i));
      assertThat(backwards.get(texts.size() - 1 - i)).containsExactly(alone.get(i));
    }
  }

  @Test
  void embed_batchedModeIsRepeatableAndCloseToExact() {
    List<String> texts = sentences(64, 12);

    List<float[]> first = batched.embed(texts);
    List<float[]> second = batched.embed(texts);
    List<float[]> reference = exact.embed(texts);

    for (int i = 0; i < texts.size(); i++) {
      assertThat(second.get(i)).containsExactly(first.get(i));
      // Dynamic int8 quantization ranges are shared by the whole batch: the bench measured minima of 0.966-0.983.
      assertThat(dot(first.get(i), reference.get(i))).isGreaterThan(0.95);
    }
  }

  @Test
  void embed_emptyStringIsJustClsAndSep() {
    assertThat(exact.tokenIds("")).containsExactly(101L, 102L);
    float[] empty = exact.embed("");

    assertThat(dot(empty, empty)).isCloseTo(1.0, within(1e-4));
    assertThat(dot(empty, exact.embed("a long sentence about the weather"))).isLessThan(0.99);
  }

  @Test
  void embed_truncatesAt256WordPieces() {
    String longPrefix = "the quick brown fox jumps over the lazy dog ".repeat(40); // 360 word pieces
    long[] ids = exact.tokenIds(longPrefix + "alpha beta gamma");

    assertThat(ids).hasSize(MiniLmEmbedder.MAX_TOKENS);
    assertThat(ids[ids.length - 1]).isEqualTo(102L);
    assertThat(exact.embed(longPrefix + "completely different ending about tax law"))
        .containsExactly(exact.embed(longPrefix + "alpha beta gamma"));
  }

  @Test
  void embed_handlesUnicode() {
    // The BERT normaliser lowercases and strips accents, so these are one token sequence.
    assertThat(exact.tokenIds("CAFÉ Crème")).containsExactly(exact.tokenIds("cafe creme"));
    List<float[]> v = exact.embed(List.of("A dog runs in the park", "犬が公園を走っている", "Зима близко"));

    assertThat(v).allSatisfy(x -> assertThat(Double.isFinite(dot(x, x))).isTrue());
    assertThat(dot(v.get(0), v.get(1))).isLessThan(0.99);
  }

  @Test
  void embed_thousandTextsMatchTheirSingleEmbeddings() {
    List<String> texts = sentences(1000, 13);

    List<float[]> viaBatches = batched.embed(texts);
    List<float[]> viaExact = exact.embed(texts);

    assertThat(viaBatches).hasSize(1000);
    assertThat(viaExact).hasSize(1000);
    for (int i : new int[] {0, 1, 499, 998, 999}) {
      assertThat(viaExact.get(i)).containsExactly(exact.embed(texts.get(i)));
      assertThat(dot(viaBatches.get(i), viaExact.get(i))).isGreaterThan(0.95);
    }
  }

  @Test
  void embed_concurrentCallersGetTheSameVectors() throws Exception {
    List<String> texts = sentences(30, 14);
    List<float[]> expected = exact.embed(texts);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> exact.embed(texts)));
      }
      for (Future<List<float[]>> future : futures) {
        List<float[]> got = future.get();
        for (int i = 0; i < texts.size(); i++) {
          assertThat(got.get(i)).containsExactly(expected.get(i));
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void embed_emptyListAndNullText() {
    assertThat(exact.embed(List.of())).isEmpty();
    List<String> withNull = new ArrayList<>(List.of("a"));
    withNull.add(null);
    assertThatThrownBy(() -> exact.embed(withNull)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void close_laterCallsFail() {
    MiniLmEmbedder embedder = MiniLmEmbedder.create(1, 1);
    float[] before = embedder.embed("still open");
    embedder.close();
    embedder.close();

    assertThat(before).containsExactly(exact.embed("still open"));
    assertThatThrownBy(() -> embedder.embed("closed")).isInstanceOf(IllegalStateException.class)
        .hasMessage("embedder is closed");
  }

  @Test
  void create_rejectsBadArguments() {
    assertThatThrownBy(() -> MiniLmEmbedder.create(0, 1)).hasMessage("batchSize must be positive: 0");
    assertThatThrownBy(() -> MiniLmEmbedder.create(1, 0)).hasMessage("threads must be positive: 0");
  }

  /** Realistic short sentences of varied length from a seeded generator. */
  static List<String> sentences(int n, long seed) {
    String[] subjects = {"The committee", "A small bakery", "My neighbour", "The new compiler", "Our team",
        "The museum", "A retired teacher", "The city council", "This algorithm", "The hiking club"};
    String[] verbs = {"approved", "rejected", "is testing", "will publish", "quietly improved", "misunderstood",
        "celebrated", "reviewed"};
    String[] objects = {"the budget for next year", "a sourdough recipe", "the garbage collection pauses",
        "an exhibition of early photographs", "the proposal to widen the bridge", "a faster sorting routine",
        "the trail map", "the quarterly tax report", "a long letter about the old harbour and its fishermen"};
    String[] tails = {"", " yesterday", " after a long debate", " despite the rain", " because the data looked odd",
        " before the holidays", " with surprising enthusiasm"};
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(subjects[random.nextInt(subjects.length)] + " " + verbs[random.nextInt(verbs.length)] + " "
          + objects[random.nextInt(objects.length)] + tails[random.nextInt(tails.length)] + ".");
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
