package io.synthkit.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.FakeTime;
import io.synthkit.spi.SynthkitException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries, back-off, Retry-After and the messages a user sees when Wikipedia cannot be used. */
class WikipediaFailuresTest {

  private final FixtureWiki wiki = FixtureWiki.start().search("xyzzy", "search-empty.json");
  private final FakeTime time = new FakeTime();

  private WikipediaRetriever retriever() {
    return WikipediaRetriever.builder().baseUrl(wiki.baseUrl()).sleeper(time).nanoTime(time).build();
  }

  @AfterEach
  void stop() {
    wiki.close();
  }

  @Test
  void search_429WithRetryAfter_waitsAsToldThenSucceeds() {
    wiki.fail(429, "7");
    try (WikipediaRetriever r = retriever()) {
      assertThat(r.search("xyzzy", 3)).isEmpty();
    }
    assertThat(wiki.requests()).hasSize(2);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void search_503WithoutRetryAfter_backsOffExponentially() {
    wiki.fail(503, null).fail(502, null);
    try (WikipediaRetriever r = retriever()) {
      assertThat(r.search("xyzzy", 3)).isEmpty();
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void search_503Exhausted_failsWithAnEndpointError() {
    for (int i = 0; i < 4; i++) wiki.fail(503, null);
    try (WikipediaRetriever r = retriever()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("the Wikipedia API at " + wiki.baseUrl())
          .hasMessageContaining("could not be used after 4 attempts (last: HTTP 503)")
          .extracting(e -> ((SynthkitException) e).exitCode()).isEqualTo(SynthkitException.EXIT_ENDPOINT);
    }
    assertThat(wiki.requests()).hasSize(4);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void search_retryAfterBeyondTheCap_failsAtOnceInsteadOfHammering() {
    wiki.fail(429, "Fri, 31 Dec 2100 23:59:59 GMT");
    try (WikipediaRetriever r = retriever()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("HTTP 429 and asked to wait")
          .hasMessageContaining("requests_per_second");
    }
    assertThat(wiki.requests()).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void search_403_isNotRetriedAndPointsAtTheUserAgent() {
    wiki.fail(403, null);
    try (WikipediaRetriever r = retriever()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("refused the request with HTTP 403")
          .hasMessageContaining("retrieval.user_agent");
    }
    assertThat(wiki.requests()).hasSize(1);
  }

  @Test
  void search_apiError_reportsCodeAndInfo() {
    wiki.answer(FixtureWiki.resource("api-error.json"));
    try (WikipediaRetriever r = retriever()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("reported an error: badvalue: Unrecognized value for parameter \"list\"");
    }
  }

  @Test
  void search_notJson_saysSoAndShowsTheStart() {
    wiki.answer("<html><body>Welcome to the hotel wifi</body></html>");
    try (WikipediaRetriever r = retriever()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("not JSON: <html><body>Welcome to the hotel wifi");
    }
  }

  @Test
  void search_nobodyListening_retriesThenFails() {
    String deadUrl = wiki.baseUrl();
    wiki.close();
    try (WikipediaRetriever r = WikipediaRetriever.builder().baseUrl(deadUrl).sleeper(time).nanoTime(time)
        .build()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          .hasMessageContaining("could not be used after 4 attempts (last: java.net.ConnectException")
          .hasMessageContaining("Check the network and retrieval.base_url");
    }
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void search_slowServer_timesOut() {
    wiki.stall(Duration.ofSeconds(1));
    try (WikipediaRetriever r = WikipediaRetriever.builder().baseUrl(wiki.baseUrl()).sleeper(time).nanoTime(time)
        .timeout(Duration.ofMillis(200)).maxAttempts(1).build()) {
      assertThatThrownBy(() -> r.search("xyzzy", 3))
          .isInstanceOf(SynthkitException.class)
          // On a busy machine the connect itself may be what times out; both are HttpTimeoutExceptions.
          .hasMessageContaining("after 1 attempt (last: java.net.http.Http").hasMessageContaining("TimeoutException");
    }
  }
}
