package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.FakeTime;
import io.synthkit.spi.Passage;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WikipediaRetrieverTest {

  private final FixtureWiki wiki = FixtureWiki.start()
      .search("Marie Curie", "search-marie-curie.json")
      .extracts("Marie Curie|Pierre Curie|Curie|Curie Institute (Warsaw)", "extracts-marie-curie.json")
      .search("Cracow", "search-cracow.json")
      .extracts("Cracow|wawel|Kraków", "extracts-cracow.json")
      .search("xyzzy", "search-empty.json");
  private final FakeTime time = new FakeTime();

  private WikipediaRetriever.Builder retriever() {
    return WikipediaRetriever.builder().baseUrl(wiki.baseUrl()).sleeper(time).nanoTime(time);
  }

  @AfterEach
  void stop() {
    wiki.close();
  }

  @Test
  void search_searchesThenFetchesLeadSections() {
    List<Passage> passages;
    try (WikipediaRetriever r = retriever().build()) {
      passages = r.search("Marie Curie", 4);
    }

    // The disambiguation page and the missing page are skipped.
    assertThat(passages).extracting(Passage::title).containsExactly("Marie Curie", "Pierre Curie");
    Passage marie = passages.getFirst();
    assertThat(marie.id()).isEqualTo("20408");
    assertThat(marie.text()).startsWith("Marie Skłodowska-Curie (1867–1934) was a physicist")
        .endsWith("She founded research institutes in Paris and in Warsaw.");
    assertThat(marie.source()).isEqualTo(wiki.baseUrl().replace("/w/api.php", "/wiki/Marie_Curie"));
    assertThat(passages).extracting(Passage::score).containsExactly(1.0, 0.5);

    List<FixtureWiki.Request> requests = wiki.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).params()).containsEntry("action", "query").containsEntry("list", "search")
        .containsEntry("srsearch", "Marie Curie").containsEntry("srlimit", "4").containsEntry("format", "json");
    assertThat(requests.get(1).params()).containsEntry("prop", "extracts|pageprops")
        .containsEntry("explaintext", "1").containsEntry("redirects", "1").containsEntry("format", "json")
        .containsEntry("titles", "Marie Curie|Pierre Curie|Curie|Curie Institute (Warsaw)");
  }

  @Test
  void search_k_boundsPassagesAndSearchLimit() {
    try (WikipediaRetriever r = retriever().build()) {
      assertThat(r.search("Marie Curie", 1)).extracting(Passage::title).containsExactly("Marie Curie");
      assertThatThrownBy(() -> r.search("x", 0)).hasMessage("k must be positive: 0");
    }
    assertThat(wiki.requests().getFirst().param("srlimit")).isEqualTo("1");
  }

  @Test
  void search_maxPassageChars_cutsAtASentenceEnd() {
    try (WikipediaRetriever r = retriever().maxPassageChars(120).build()) {
      assertThat(r.search("Marie Curie", 1).getFirst().text())
          .isEqualTo("Marie Skłodowska-Curie (1867–1934) was a physicist and chemist born in Warsaw who did her "
              + "research in France.");
    }
  }

  @Test
  void search_followsNormalisationAndRedirects_withUnicodeTitles() {
    List<Passage> passages;
    try (WikipediaRetriever r = retriever().build()) {
      passages = r.search("Cracow", 3);
    }

    // "Cracow" and "Kraków" are one page: cited once. "wawel" → "Wawel" → "Wawel Castle".
    assertThat(passages).extracting(Passage::title).containsExactly("Kraków", "Wawel Castle");
    assertThat(passages.getFirst().id()).isEqualTo("16815");
    assertThat(passages.getFirst().source()).endsWith("/wiki/Krak%C3%B3w");
    assertThat(wiki.requests().get(1).param("titles")).isEqualTo("Cracow|wawel|Kraków");
  }

  @Test
  void search_unicodeQuery_arrivesIntact() {
    wiki.search("São Paulo 東京", "search-empty.json");
    try (WikipediaRetriever r = retriever().build()) {
      assertThat(r.search("São Paulo 東京", 3)).isEmpty();
    }
    assertThat(wiki.requests().getFirst().param("srsearch")).isEqualTo("São Paulo 東京");
  }

  @Test
  void search_noResults_isEmptyWithoutAnExtractRequest() {
    try (WikipediaRetriever r = retriever().build()) {
      assertThat(r.search("xyzzy", 3)).isEmpty();
    }
    assertThat(wiki.requests()).hasSize(1);
  }

  @Test
  void search_blankOrSyntaxOnlyQuery_makesNoRequest() {
    try (WikipediaRetriever r = retriever().build()) {
      assertThat(r.search("  ", 3)).isEmpty();
      assertThat(r.search("intitle:", 3)).isEmpty();
      assertThat(r.search(null, 3)).isEmpty();
    }
    assertThat(wiki.requests()).isEmpty();
  }

  @Test
  void search_sendsThePoliteDefaultUserAgent() {
    try (WikipediaRetriever r = retriever().build()) {
      r.search("Marie Curie", 2);
    }
    assertThat(wiki.requests()).allSatisfy(req -> assertThat(req.userAgent())
        .isEqualTo(WikipediaRetriever.DEFAULT_USER_AGENT)
        .matches("synthkit/\\S+ \\(https://github\\.com/synthkit; contact via repository issues\\) java-http-client"));
  }

  @Test
  void search_sendsAConfiguredUserAgent() {
    try (WikipediaRetriever r = retriever().userAgent("factbot/2.1 (https://example.org/factbot; ops@example.org)")
        .build()) {
      r.search("xyzzy", 2);
    }
    assertThat(wiki.requests().getFirst().userAgent())
        .isEqualTo("factbot/2.1 (https://example.org/factbot; ops@example.org)");
  }

  @Test
  void search_sameQueryTwice_asksTheApiOnce() {
    try (WikipediaRetriever r = retriever().build()) {
      List<Passage> first = r.search("Marie Curie", 4);
      List<Passage> second = r.search("  marie   CURIE ", 4);
      assertThat(second).isEqualTo(first);
    }
    assertThat(wiki.requests()).hasSize(2);
  }

  @Test
  void search_pagesSeenBefore_areNotFetchedAgain() {
    wiki.json("search:Wawel Castle", "{\"query\":{\"search\":[{\"ns\":0,\"title\":\"Wawel Castle\"}]}}");
    try (WikipediaRetriever r = retriever().build()) {
      r.search("Cracow", 3);
      assertThat(r.search("Wawel Castle", 1)).extracting(Passage::id).containsExactly("33002");
    }
    // search, extracts, search: the page came from the cache under its canonical title.
    assertThat(wiki.requests()).extracting(FixtureWiki.Request::isSearch).containsExactly(true, false, true);
  }

  @Test
  void search_persistentCache_servesANewRetrieverWithoutRequests() {
    MapCache store = new MapCache();
    List<Passage> first;
    try (WikipediaRetriever r = retriever().cache(store).build()) {
      first = r.search("Marie Curie", 4);
    }
    assertThat(store.map).isNotEmpty().allSatisfy((k, v) -> assertThat(k).startsWith("wikipedia|" + wiki.baseUrl()));
    try (WikipediaRetriever fresh = retriever().cache(store).build()) {
      assertThat(fresh.search("Marie Curie", 4)).isEqualTo(first);
    }
    assertThat(wiki.requests()).hasSize(2);
  }

  @Test
  void search_damagedPersistentEntry_isFetchedAgain() {
    MapCache store = new MapCache();
    try (WikipediaRetriever r = retriever().cache(store).build()) {
      r.search("Marie Curie", 4);
    }
    store.map.replaceAll((k, v) -> "{broken");
    try (WikipediaRetriever fresh = retriever().cache(store).build()) {
      assertThat(fresh.search("Marie Curie", 4)).hasSize(2);
    }
    assertThat(wiki.requests()).hasSize(4);
  }

  @Test
  void search_rateLimit_asksToWaitBetweenRequests() {
    try (WikipediaRetriever r = retriever().requestsPerSecond(2).build()) {
      r.search("Marie Curie", 4); // 2 requests
      r.search("xyzzy", 3); // 1 request
      r.search("Marie Curie", 4); // cached: none
    }
    assertThat(wiki.requests()).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
  }

  @Test
  void search_manyTitles_areFetchedInBatchesOfTwenty() {
    StringBuilder hits = new StringBuilder();
    StringBuilder pages = new StringBuilder();
    StringBuilder first = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (int i = 1; i <= 25; i++) {
      String sep = i == 1 ? "" : ",";
      hits.append(sep).append("{\"ns\":0,\"title\":\"T").append(i).append("\"}");
      pages.append(sep).append("{\"pageid\":").append(i).append(",\"title\":\"T").append(i)
          .append("\",\"extract\":\"Text ").append(i).append(".\"}");
      (i <= 20 ? first : rest).append(first.isEmpty() || i == 21 ? "" : "|").append("T").append(i);
    }
    String answer = "{\"query\":{\"pages\":[" + pages + "]}}";
    wiki.json("search:many", "{\"query\":{\"search\":[" + hits + "]}}")
        .json("extracts:" + first, answer).json("extracts:" + rest, answer);

    try (WikipediaRetriever r = retriever().build()) {
      assertThat(r.search("many", 25)).hasSize(25).extracting(Passage::title).startsWith("T1", "T2").endsWith("T25");
    }
    assertThat(wiki.requests()).extracting(q -> q.param("titles")).containsExactly(null, first.toString(),
        rest.toString());
  }

  /** A persistent cache backed by a map, standing in for the run store. */
  static final class MapCache implements RetrievalCache {
    final Map<String, String> map = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(map.get(key));
    }

    @Override
    public void put(String key, String json) {
      map.put(key, json);
    }
  }
}
