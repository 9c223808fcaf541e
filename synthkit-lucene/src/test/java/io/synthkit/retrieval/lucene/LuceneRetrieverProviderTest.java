package io.synthkit.retrieval.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.SynthkitException;
import io.synthkit.spi.Passage;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.retrieval.Retrievers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneRetrieverProviderTest {

  @TempDir Path tmp;

  private static RetrievalConfig lucene(String index, Integer maxChars) {
    return new RetrievalConfig("lucene", index, null, null, null, null, maxChars);
  }

  @Test
  void retrievers_findsLuceneThroughTheServiceLoader() {
    Path index = tmp.resolve("index");
    TestCorpus.index(index);

    assertThat(Retrievers.available()).contains("lucene");
    try (Retriever r = Retrievers.open(lucene(index.toString(), 80))) {
      Passage top = r.search("Great Red Spot", 1).getFirst();
      assertThat(top.id()).isEqualTo("jupiter");
      assertThat(top.text()).hasSizeLessThanOrEqualTo(80);
    }
  }

  @Test
  void open_withoutIndexKey_explainsTheKey() {
    assertThatThrownBy(() -> Retrievers.open(lucene(null, null)))
        .isInstanceOf(SynthkitException.class)
        .hasMessageStartingWith("retrieval.index is required for provider lucene")
        .hasMessageContaining("synthkit index CORPUS.jsonl --out DIR");
  }

  @Test
  void open_indexThatIsNotThere_tellsHowToBuildIt() {
    assertThatThrownBy(() -> Retrievers.open(lucene(tmp.resolve("nothing").toString(), null)))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("synthkit index CORPUS.jsonl --out");
  }
}
