package io.synthkit.retrieval.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.retrieval.lucene.search.LuceneRetriever;
import io.synthkit.spi.Passage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the analyzer choice documented in {@link CorpusIndexer.Analysis} honest: on the test encyclopedia's query set the
 * default must rank the expected article first at least as often as the alternative, and nearly always.
 */
class AnalyzerComparisonTest {

  @TempDir Path tmp;

  private int firstHits(CorpusIndexer.Analysis analyzer) throws IOException {
    Path dir = tmp.resolve(analyzer.id());
    CorpusIndexer.builder().analyzer(analyzer).build().index(TestCorpus.encyclopedia(), dir, CorpusIndexer.Progress.NONE);
    List<String[]> queries = Files.readAllLines(TestCorpus.queries()).stream()
        .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")).toList();
    int hits = 0;
    try (LuceneRetriever r = LuceneRetriever.open(dir)) {
      for (String[] q : queries) {
        List<Passage> top = r.search(q[0], 1);
        if (!top.isEmpty() && top.getFirst().id().equals(q[1])) hits++;
      }
    }
    return hits;
  }

  @Test
  void english_ranksAtLeastAsWellAsStandard() throws IOException {
    int english = firstHits(CorpusIndexer.Analysis.ENGLISH);
    int standard = firstHits(CorpusIndexer.Analysis.STANDARD);

    assertThat(english).isGreaterThanOrEqualTo(standard).isGreaterThanOrEqualTo(64);
    assertThat(standard).isLessThan(english); // the accent-free and inflected queries tell them apart
  }

  @Test
  void analyzer_isRecordedAndReusedAtSearchTime() throws IOException {
    Path dir = tmp.resolve("std");
    CorpusIndexer.builder().analyzer(CorpusIndexer.Analysis.STANDARD).build()
        .index(TestCorpus.encyclopedia(), dir, CorpusIndexer.Progress.NONE);
    try (LuceneRetriever r = LuceneRetriever.open(dir)) {
      assertThat(r.metadata().analyzer()).isEqualTo("standard");
      // Without stemming "volcanoes" does not meet "volcano"; with the English analyzer it would.
      assertThat(r.search("volcanoes", 3)).extracting(Passage::id).doesNotContain("volcano");
    }
  }
}
