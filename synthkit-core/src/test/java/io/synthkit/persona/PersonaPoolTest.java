package io.synthkit.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthkit.spi.SynthkitException;
import io.synthkit.embed.CountingEmbedder;
import io.synthkit.embed.HashingEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonaPoolTest {

  private static final List<String> PERSONAS = List.of(
      "a pastry chef who experiments with sourdough bread and croissants",
      "a marine biologist studying coral reef bleaching in the pacific",
      "a tax accountant who helps small businesses with quarterly filing",
      "a high school physics teacher who builds model rockets with students",
      "a nurse working night shifts in an emergency department");

  private final PersonaPool pool = PersonaPool.of(PERSONAS, new HashingEmbedder());

  @Test
  void topK_personaSharingWordsWithTheTopicRanksFirst() {
    assertThat(pool.topK("baking sourdough bread at home", 1))
        .extracting(ScoredPersona::index)
        .containsExactly(0);
    assertThat(pool.topK("coral reef bleaching", 1).get(0).persona()).contains("marine biologist");
  }

  @Test
  void topK_differentTopicsGiveDifferentPersonas() {
    List<Integer> tax = pool.topK("quarterly tax filing for small businesses", 2).stream()
        .map(ScoredPersona::index).toList();
    List<Integer> rockets = pool.topK("physics of model rockets", 2).stream()
        .map(ScoredPersona::index).toList();

    assertThat(tax.get(0)).isEqualTo(2);
    assertThat(rockets.get(0)).isEqualTo(3);
    assertThat(tax).isNotEqualTo(rockets);
  }

  @Test
  void topK_returnsScoresInDescendingOrderMatchingTheEmbeddings() {
    HashingEmbedder embedder = new HashingEmbedder();
    String topic = "night shifts in the emergency department";

    List<ScoredPersona> all = pool.topK(topic, 5);

    assertThat(all).extracting(ScoredPersona::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    ScoredPersona top = all.get(0);
    assertThat(top.index()).isEqualTo(4);
    assertThat(top.score()).isCloseTo(dot(embedder.embed(topic), embedder.embed(PERSONAS.get(4))),
        within(1e-6));
  }

  @Test
  void topK_kAbovePoolSizeReturnsTheWholePoolRanked() {
    List<ScoredPersona> all = pool.topK("sourdough", 50);

    assertThat(all).hasSize(5);
    assertThat(all).extracting(ScoredPersona::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(all.get(0).index()).isZero();
  }

  @Test
  void topK_thresholdDropsWeakMatches() {
    List<ScoredPersona> strong = pool.topK("coral reef bleaching in the pacific", 5, 0.3);

    assertThat(strong).extracting(ScoredPersona::index).containsExactly(1);
    assertThat(pool.topK("coral reef bleaching in the pacific", 5, 0.99)).isEmpty();
  }

  @Test
  void topK_equalScoresRankInPoolOrder() {
    PersonaPool twins = PersonaPool.of(List.of("unrelated words", "same text", "same text", "same text"),
        new HashingEmbedder());

    assertThat(twins.topK("same text", 2)).extracting(ScoredPersona::index).containsExactly(1, 2);
    assertThat(twins.topK("same text", 4)).extracting(ScoredPersona::index).containsExactly(1, 2, 3, 0);
  }

  @Test
  void topK_heapAgreesWithAFullSortOverALargerPool() {
    List<String> personas = new ArrayList<>();
    Random random = new Random(7);
    String[] words = "red green blue cat dog fish tax law art music code data sea sky rock jazz".split(" ");
    for (int i = 0; i < 3000; i++) {
      personas.add(words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)] + " "
          + words[random.nextInt(words.length)]);
    }
    HashingEmbedder embedder = new HashingEmbedder(64);
    PersonaPool big = PersonaPool.of(personas, embedder);
    float[] query = embedder.embed("jazz music by the sea");

    // With k = size nothing is evicted, so this is a plain sort of every score: the reference for the heap.
    List<ScoredPersona> full = big.topK(query, personas.size(), Double.NEGATIVE_INFINITY);

    assertThat(full).extracting(ScoredPersona::index).doesNotHaveDuplicates().hasSize(3000);
    assertThat(full).isSortedAccordingTo(
        Comparator.comparingDouble(ScoredPersona::score).reversed().thenComparingInt(ScoredPersona::index));
    assertThat(full.get(0).score()).isCloseTo(
        dot(query, embedder.embed(full.get(0).persona())), within(1e-5));
    assertThat(big.topK(query, 25, Double.NEGATIVE_INFINITY)).containsExactlyElementsOf(full.subList(0, 25));
  }

  @Test
  void load_readsPersonaHubJsonlAndSkipsBlankLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("personas.jsonl");
    Files.writeString(file, "\uFEFF{\"persona\": \"a beekeeper\"}\n\n   \n{\"persona\": \"a glassblower\", \"id\": 7}\n");

    PersonaPool loaded = PersonaPool.load(file, new HashingEmbedder());

    assertThat(loaded.size()).isEqualTo(2);
    assertThat(loaded.persona(1)).isEqualTo("a glassblower");
    assertThat(loaded.topK("beekeeper", 1).get(0).index()).isZero();
  }

  @Test
  void of_embedsInChunks() {
    CountingEmbedder counting = new CountingEmbedder(new HashingEmbedder(16));
    List<String> personas = new ArrayList<>();
    for (int i = 0; i < PersonaPool.EMBED_CHUNK + 5; i++) {
      personas.add("persona " + i);
    }

    PersonaPool chunked = PersonaPool.of(personas, counting);

    assertThat(counting.callSizes()).containsExactly(PersonaPool.EMBED_CHUNK, 5);
    // Rows after the first chunk must land at their own index: the persona scores 1 against its own text.
    assertThat(chunked.topK("persona 1028", personas.size()))
        .filteredOn(s -> s.index() == 1028)
        .singleElement()
        .satisfies(s -> assertThat(s.score()).isCloseTo(1.0, within(1e-6)));
  }

  @Test
  void load_errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"persona\": \"ok\"}\n\n{\"persona\": \"unterminated}\n");
    Path missing = dir.resolve("missing.jsonl");
    Files.writeString(missing, "{\"persona\": \"ok\"}\n{\"name\": \"no persona field\"}\n");
    Path wrongType = dir.resolve("number.jsonl");
    Files.writeString(wrongType, "{\"persona\": 42}\n");
    Path twoObjects = dir.resolve("two.jsonl");
    Files.writeString(twoObjects, "{\"persona\": \"a\"} {\"persona\": \"b\"}\n");

    assertThatThrownBy(() -> PersonaFile.read(file)).isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith(file + ":3: invalid JSON");
    assertThatThrownBy(() -> PersonaFile.read(missing))
        .hasMessage(missing + ":2: expected a JSON object with a string field \"persona\", got "
            + "{\"name\": \"no persona field\"}");
    assertThatThrownBy(() -> PersonaFile.read(wrongType)).hasMessageStartingWith(wrongType + ":1: expected");
    assertThatThrownBy(() -> PersonaFile.read(twoObjects)).hasMessageStartingWith(twoObjects + ":1: invalid JSON");
  }

  @Test
  void load_blankPersonaEmptyFileAndMissingFileAreInputErrors(@TempDir Path dir) throws Exception {
    Path blank = dir.resolve("blank.jsonl");
    Files.writeString(blank, "{\"persona\": \"  \"}\n");
    Path empty = dir.resolve("empty.jsonl");
    Files.writeString(empty, "\n\n");

    assertThatThrownBy(() -> PersonaFile.read(blank)).hasMessage(blank + ":1: \"persona\" is blank");
    assertThatThrownBy(() -> PersonaFile.read(empty)).hasMessageStartingWith(empty + ": no personas");
    assertThatThrownBy(() -> PersonaPool.load(dir.resolve("nope.jsonl"), new HashingEmbedder()))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("persona file not found: " + dir.resolve("nope.jsonl"))
        .extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_USAGE);
  }

  @Test
  void of_rejectsAnEmptyPool() {
    assertThatThrownBy(() -> PersonaPool.of(List.of(), new HashingEmbedder()))
        .hasMessage("a persona pool needs at least one persona");
  }

  @Test
  void topK_rejectsNonPositiveK() {
    assertThatThrownBy(() -> pool.topK("x", 0)).hasMessage("k must be positive: 0");
  }

  @Test
  void topK_rejectsAQueryOfTheWrongDimension() {
    assertThatThrownBy(() -> pool.topK(new float[3], 1, 0)).hasMessage("query has length 3, the pool 256");
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
