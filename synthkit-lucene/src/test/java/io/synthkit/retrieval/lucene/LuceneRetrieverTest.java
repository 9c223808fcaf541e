package io.synthkit.retrieval.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.retrieval.lucene.search.IndexMetadata;
import io.synthkit.retrieval.lucene.search.LuceneRetriever;
import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LuceneRetrieverTest {

  @TempDir static Path tmp;
  static Path index;
  static LuceneRetriever retriever;

  @BeforeAll
  static void build() {
    index = tmp.resolve("index");
    TestCorpus.index(index);
    retriever = LuceneRetriever.open(index);
  }

  @AfterAll
  static void close() {
    retriever.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Eiffel Tower, paris",
      "Neil Armstrong, apollo-11",
      "Mercury planet, mercury-planet",
      "Mercury element, mercury-element",
      "Georgia Tbilisi, georgia-country",
      "Georgia Atlanta, georgia-state",
      "Kraków, krakow",
      "Krakow, krakow",
      "Rosalind Franklin, dna",
      "Magna Carta, magna-carta",
      "blue whale, blue-whale",
  })
  void search_entity_ranksItsArticleFirst(String query, String id) {
    List<Passage> hits = retriever.search(query, 3);
    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().id()).isEqualTo(id);
  }

  @Test
  void search_returnsStoredFieldsAndCorpusSourceBestFirst() {
    List<Passage> hits = retriever.search("Louvre", 5);

    assertThat(hits).extracting(Passage::id).containsExactlyInAnyOrder("paris", "mona-lisa");
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score()).isPositive();
    Passage mona = hits.stream().filter(p -> p.id().equals("mona-lisa")).findFirst().orElseThrow();
    assertThat(mona.title()).isEqualTo("Mona Lisa");
    assertThat(mona.text()).startsWith("The Mona Lisa is a portrait painted by Leonardo da Vinci");
    assertThat(mona.source()).isEqualTo(TestCorpus.encyclopedia().toAbsolutePath().toString());
  }

  @Test
  void search_k_boundsTheResultCount() {
    assertThat(retriever.search("the city capital", 2)).hasSize(2);
    assertThatThrownBy(() -> retriever.search("Paris", 0)).hasMessage("k must be positive: 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AND (", "\"unbalanced quote", "*", "?", "title:", "text:Paris~2^3", "a\\b", "((((",
      "OR NOT", "[1 TO 5}", "{}", "/regex/", "+-&&||!", "\u0000", "😀 emoji", "   ", ""})
  void search_querySyntaxCharacters_neverThrow(String query) {
    assertThat(retriever.search(query, 3)).isNotNull();
  }

  @Test
  void search_syntaxAroundWords_stillMatchesTheWords() {
    assertThat(retriever.search("\"Eiffel Tower\" AND (", 1)).extracting(Passage::id).containsExactly("paris");
    assertThat(retriever.search("(Hamlet*) OR", 1)).extracting(Passage::id).containsExactly("hamlet");
  }

  @Test
  void search_stopWordsOnly_isEmpty() {
    assertThat(retriever.search("the of and", 3)).isEmpty();
    assertThat(retriever.search(null, 3)).isEmpty();
  }

  @Test
  void search_veryLongQuery_isCutNotRejected() {
    String longQuery = String.join(" ", java.util.Collections.nCopies(5_000, "volcano"));
    assertThat(retriever.search(longQuery, 1)).extracting(Passage::id).containsExactly("volcano");
  }

  @Test
  void open_maxPassageChars_cutsTextAtASentenceEnd() {
    try (LuceneRetriever r = LuceneRetriever.open(index, 120)) {
      Passage p = r.search("Eiffel Tower", 1).getFirst();
      assertThat(p.text()).hasSizeLessThanOrEqualTo(120)
          .isEqualTo("Paris is the capital and largest city of France, set on the river Seine in the north of the "
              + "country.");
    }
  }

  @Test
  void search_concurrentThreads_getTheSameAnswersAsOneThread() throws Exception {
    List<String> queries = Files.readAllLines(TestCorpus.queries()).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")[0]).toList();
    Map<String, List<String>> expected = new TreeMap<>();
    for (String q : queries) expected.put(q, ids(retriever.search(q, 5)));

    List<Future<Map<String, List<String>>>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          Map<String, List<String>> seen = new TreeMap<>();
          for (int round = 0; round < 20; round++) {
            for (String q : queries) seen.put(q, ids(retriever.search(q, 5)));
          }
          return seen;
        }));
      }
      for (Future<Map<String, List<String>>> f : results) assertThat(f.get()).isEqualTo(expected);
    }
  }

  private static List<String> ids(List<Passage> passages) {
    return passages.stream().map(Passage::id).toList();
  }

  @Test
  void open_readOnlyIndex_searchesWithoutWritingAnything(@TempDir Path own) throws IOException {
    Path ro = own.resolve("ro");
    TestCorpus.index(ro);
    Map<String, FileTime> before = listing(ro);
    try (Stream<Path> files = Files.list(ro)) {
      files.forEach(f -> f.toFile().setWritable(false));
    }
    ro.toFile().setWritable(false);
    try {
      try (LuceneRetriever r = LuceneRetriever.open(ro)) {
        assertThat(r.search("Apollo 11", 1)).extracting(Passage::id).containsExactly("apollo-11");
      }
      assertThat(listing(ro)).isEqualTo(before);
    } finally {
      ro.toFile().setWritable(true);
    }
  }

  private static Map<String, FileTime> listing(Path dir) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path f : list.toList()) files.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
    }
    return files;
  }

  @Test
  void open_missingDirectory_tellsHowToBuildOne() {
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> LuceneRetriever.open(missing))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("the directory does not exist")
        .hasMessageContaining("synthkit index CORPUS.jsonl --out " + missing.toAbsolutePath());
  }

  @Test
  void open_directoryWithoutMetadata_isNotAnIndex(@TempDir Path empty) {
    assertThatThrownBy(() -> LuceneRetriever.open(empty))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("no synthkit-index.json").hasMessageContaining("synthkit index");
  }

  @Test
  void open_corruptMetadata_isReported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(IndexMetadata.FILE_NAME), "{not json");
    assertThatThrownBy(() -> LuceneRetriever.open(dir))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("synthkit-index.json is unreadable").hasMessageContaining("synthkit index");
  }

  @Test
  void open_metadataWithoutLuceneFiles_isReported(@TempDir Path dir) throws IOException {
    Files.copy(index.resolve(IndexMetadata.FILE_NAME), dir.resolve(IndexMetadata.FILE_NAME));
    assertThatThrownBy(() -> LuceneRetriever.open(dir))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("Lucene cannot read it").hasMessageContaining("synthkit index");
  }

  @Test
  void close_thenSearch_isRejected() {
    LuceneRetriever r = LuceneRetriever.open(index);
    r.close();
    r.close();
    assertThatThrownBy(() -> r.search("Paris", 1)).isInstanceOf(IllegalStateException.class);
  }
}
