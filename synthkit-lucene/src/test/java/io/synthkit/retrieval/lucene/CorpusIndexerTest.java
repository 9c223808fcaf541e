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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexerTest {

  @TempDir Path tmp;

  @Test
  void index_encyclopedia_countsDocumentsAndWritesMetadata() throws IOException {
    Path out = tmp.resolve("index");
    CorpusIndexer.Summary summary = TestCorpus.index(out);

    assertThat(summary.documents()).isEqualTo(TestCorpus.ARTICLES);
    // Every article is shorter than one passage.
    assertThat(summary.passages()).isEqualTo(TestCorpus.ARTICLES);
    assertThat(summary.index()).isEqualTo(out.toAbsolutePath());
    IndexMetadata meta = IndexMetadata.read(out);
    assertThat(meta.corpus()).isEqualTo(TestCorpus.encyclopedia().toAbsolutePath().toString());
    assertThat(meta.documents()).isEqualTo(TestCorpus.ARTICLES);
    assertThat(meta.analyzer()).isEqualTo("english");
    assertThat(meta.format()).isEqualTo(IndexMetadata.FORMAT);
    assertThat(meta.buildMillis()).isNotNegative();
    assertThat(Files.readString(out.resolve(IndexMetadata.FILE_NAME))).contains("\"passage_words\" : 200");
  }

  @Test
  void index_progress_reportsEveryIntervalAndAtTheEnd() {
    List<Long> reported = new ArrayList<>();
    CorpusIndexer.builder().progressInterval(10).build()
        .index(TestCorpus.encyclopedia(), tmp.resolve("i"), (documents, passages) -> reported.add(documents));

    assertThat(reported).containsExactly(10L, 20L, 30L, 40L, 50L, 55L);
  }

  @Test
  void index_smallPassages_splitsArticlesAndKeepsParentIdAndTitle() {
    Path out = tmp.resolve("i");
    CorpusIndexer.Summary summary = CorpusIndexer.builder().passageWords(25).overlapWords(10).build()
        .index(TestCorpus.encyclopedia(), out, CorpusIndexer.Progress.NONE);

    assertThat(summary.passages()).isGreaterThan(2L * summary.documents());
    try (LuceneRetriever r = LuceneRetriever.open(out)) {
      List<Passage> hits = r.search("Vincenzo Peruggia stole", 5);
      assertThat(hits.getFirst().id()).isEqualTo("mona-lisa");
      assertThat(hits.getFirst().title()).isEqualTo("Mona Lisa");
      // The passage, not the whole article: the theft sentence without the opening sentence.
      assertThat(hits.getFirst().text()).contains("Peruggia").doesNotContain("began it around 1503");
    }
  }

  @Test
  void index_severalThreads_buildsTheSameIndexAsOne() throws IOException {
    Path one = tmp.resolve("one");
    Path three = tmp.resolve("three");
    CorpusIndexer.Builder b = CorpusIndexer.builder().passageWords(20).overlapWords(5);
    CorpusIndexer.Summary serial = b.threads(1).build().index(TestCorpus.encyclopedia(), one, CorpusIndexer.Progress.NONE);
    CorpusIndexer.Summary parallel = b.threads(3).build().index(TestCorpus.encyclopedia(), three, CorpusIndexer.Progress.NONE);

    assertThat(parallel.passages()).isEqualTo(serial.passages());
    List<String> queries = Files.readAllLines(TestCorpus.queries()).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")[0]).toList();
    try (LuceneRetriever a = LuceneRetriever.open(one); LuceneRetriever c = LuceneRetriever.open(three)) {
      for (String q : queries) {
        // All hits as a set: documents arrive in another order, so equal scores may tie-break differently.
        assertThat(Set.copyOf(c.search(q, 1_000))).isEqualTo(Set.copyOf(a.search(q, 1_000)));
      }
    }
  }

  @Test
  void index_emptyText_indexesTheTitleAlone() {
    Path corpus = TestCorpus.write(tmp, "{\"id\":\"stub\",\"title\":\"Quokka\",\"text\":\"\"}");
    Path out = tmp.resolve("i");
    CorpusIndexer.builder().build().index(corpus, out, CorpusIndexer.Progress.NONE);

    try (LuceneRetriever r = LuceneRetriever.open(out)) {
      assertThat(r.search("quokka", 3)).extracting(Passage::id).containsExactly("stub");
    }
  }

  @Test
  void index_blankLines_areSkippedButCountedInLineNumbers() {
    Path corpus = TestCorpus.write(tmp, "{\"id\":\"a\",\"title\":\"A\",\"text\":\"x\"}", "", "   ",
        "{\"id\":\"b\",\"title\":\"B\"}");

    assertThatThrownBy(() -> CorpusIndexer.builder().build().index(corpus, tmp.resolve("i"), CorpusIndexer.Progress.NONE))
        .isInstanceOf(SynthkitException.class)
        .hasMessage(corpus + " line 4: missing field \"text\"");
  }

  @Test
  void index_nonEmptyDirectory_isRefusedWithoutOverwrite() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(out.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> TestCorpus.index(out))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("is not empty").hasMessageContaining("--overwrite");
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void index_overwrite_replacesAnOldIndex() throws IOException {
    Path out = tmp.resolve("i");
    TestCorpus.index(out);
    Path small = TestCorpus.write(tmp, "{\"id\":\"only\",\"title\":\"Only\",\"text\":\"the one article\"}");

    CorpusIndexer.Summary summary = CorpusIndexer.builder().overwrite(true).build().index(small, out, CorpusIndexer.Progress.NONE);

    assertThat(summary.documents()).isEqualTo(1);
    assertThat(IndexMetadata.read(out).corpus()).isEqualTo(small.toAbsolutePath().toString());
    try (LuceneRetriever r = LuceneRetriever.open(out)) {
      assertThat(r.search("Paris", 5)).extracting(Passage::id).doesNotContain("paris");
    }
  }

  @Test
  void index_failedOverwrite_leavesTheOldIndexUsable() {
    Path out = tmp.resolve("i");
    TestCorpus.index(out);
    Path bad = TestCorpus.write(tmp, "{\"id\":\"x\",\"title\":\"X\",\"text\":\"fine\"}", "{oops");

    assertThatThrownBy(() -> CorpusIndexer.builder().overwrite(true).build().index(bad, out, CorpusIndexer.Progress.NONE))
        .hasMessageContaining("line 2");
    try (LuceneRetriever r = LuceneRetriever.open(out)) {
      assertThat(r.search("Eiffel Tower", 1)).extracting(Passage::id).containsExactly("paris");
    }
  }

  @Test
  void index_failureInANewDirectory_removesWhatItWrote() {
    Path out = tmp.resolve("new");
    Path bad = TestCorpus.write(tmp, "{\"id\":\"x\",\"title\":\"X\",\"text\":\"fine\"}", "[1,2]");

    assertThatThrownBy(() -> CorpusIndexer.builder().build().index(bad, out, CorpusIndexer.Progress.NONE))
        .hasMessage(bad + " line 2: expected a JSON object {\"id\",\"title\",\"text\"}, found array");
    assertThat(out).doesNotExist();
  }

  @Test
  void index_missingCorpus_namesThePath() {
    Path missing = tmp.resolve("nope.jsonl");
    assertThatThrownBy(() -> CorpusIndexer.builder().build().index(missing, tmp.resolve("i"), CorpusIndexer.Progress.NONE))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("corpus file not found: " + missing);
  }

  @Test
  void builder_overlapNotBelowPassage_isRejected() {
    assertThatThrownBy(() -> CorpusIndexer.builder().passageWords(30).overlapWords(30).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30");
  }
}
