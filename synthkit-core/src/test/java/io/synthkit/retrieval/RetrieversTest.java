package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.SynthkitException;
import org.junit.jupiter.api.Test;

class RetrieversTest {

  private static RetrievalConfig wikipedia(String baseUrl, String language) {
    // A high rate keeps the real rate limiter from slowing the test down.
    return new RetrievalConfig("wikipedia", null, baseUrl, language, 1000.0, null, 200, "test/1 (tests@example.org)");
  }

  @Test
  void available_listsTheCoreProvider() {
    assertThat(Retrievers.available()).contains("wikipedia");
  }

  @Test
  void open_wikipedia_readsTheSection() {
    try (FixtureWiki wiki = FixtureWiki.start().search("xyzzy", "search-empty.json");
        Retriever r = Retrievers.open(wikipedia(wiki.baseUrl(), null))) {
      assertThat(r).isInstanceOf(WikipediaRetriever.class);
      assertThat(r.search("xyzzy", 2)).isEmpty();
      assertThat(wiki.requests().getFirst().userAgent()).isEqualTo("test/1 (tests@example.org)");
    }
  }

  @Test
  void open_withCache_handsItToTheProvider() {
    WikipediaRetrieverTest.MapCache cache = new WikipediaRetrieverTest.MapCache();
    try (FixtureWiki wiki = FixtureWiki.start().search("xyzzy", "search-empty.json");
        Retriever r = Retrievers.open(wikipedia(wiki.baseUrl(), null), cache)) {
      r.search("xyzzy", 2);
    }
    assertThat(cache.map).hasSize(1);
  }

  @Test
  void open_badLanguageOrUrl_namesTheKey() {
    assertThatThrownBy(() -> Retrievers.open(wikipedia(null, "en/../evil")))
        .isInstanceOf(SynthkitException.class).hasMessageStartingWith("retrieval.language must be");
    assertThatThrownBy(() -> Retrievers.open(wikipedia("ftp://example.org/api.php", null)))
        .isInstanceOf(SynthkitException.class).hasMessageStartingWith("retrieval.base_url must be");
  }

  @Test
  void open_lucene_withoutTheModule_saysWhichModuleToAdd() {
    assertThat(Retrievers.available()).doesNotContain("lucene");
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of("lucene")))
        .isInstanceOf(SynthkitException.class)
        .hasMessageContaining("needs the synthkit-lucene module")
        .hasMessageContaining("io.synthkit:synthkit-lucene")
        .hasMessageEndingWith("available: wikipedia");
  }

  @Test
  void open_unknownProvider_listsTheAvailableOnes() {
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of("bing")))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("unknown retrieval.provider \"bing\"; available: wikipedia");
  }

  @Test
  void open_noProvider_isAnInputError() {
    assertThatThrownBy(() -> Retrievers.open(RetrievalConfig.of(" ")))
        .isInstanceOf(SynthkitException.class)
        .hasMessage("retrieval.provider is required; available: wikipedia")
        .extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_USAGE);
  }
}
