package io.synthkit.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.http.RateLimiter;
import io.synthkit.http.Sleeper;
import io.synthkit.spi.Passage;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Retriever} over the Wikipedia (MediaWiki Action) API: a full-text search for the query, then the
 * plain-text lead sections of the pages found, one passage per page, best first.
 *
 * <p>Why lead sections: a query is usually an entity name, and the lead is Wikipedia's own summary of that entity,
 * which is what a fact check about it needs. A whole-page plain-text extract would cost one request per page (the
 * TextExtracts API serves whole pages one at a time) and, cut to {@code max_passage_chars}, would mostly be the lead
 * anyway. Leads of up to {@value #TITLES_PER_REQUEST} pages come in one request, so an uncached query costs two
 * requests. Disambiguation pages ("Mercury may refer to...") are skipped; redirects are followed.
 *
 * <p>Politeness (https://meta.wikimedia.org/wiki/User-Agent_policy, https://www.mediawiki.org/wiki/API:Etiquette):
 * a descriptive User-Agent, requests spaced by a rate limit shared by all threads (default one a second), retries of
 * 429/5xx that honour {@code Retry-After}, and caching: results live in a bounded in-memory cache and, when given, a
 * persistent {@link RetrievalCache}, so the same question is never asked twice.
 *
 * <p>Thread-safe. Concurrent identical queries may both reach the API once; results are the same.
 */
public final class WikipediaRetriever implements Retriever {

  /** The User-Agent sent when none is configured; users should add their own contact. */
  public static final String DEFAULT_USER_AGENT = "synthkit/" + version()
      + " (https://github.com/synthkit; contact via repository issues) java-http-client";
  /** Most search results asked for per query. */
  static final int MAX_SEARCH_RESULTS = 50;
  /** TextExtracts returns lead sections for at most 20 titles per request ({@code exlimit}). */
  static final int TITLES_PER_REQUEST = 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LANGUAGE = Pattern.compile("[a-z][a-z0-9-]{1,19}");

  private final WikipediaClient client;
  private final int maxPassageChars;
  private final Optional<RetrievalCache> store;
  private final String keyPrefix;
  private final LruCache<String, List<String>> searches;
  private final LruCache<String, WikipediaPage> pages;

  private WikipediaRetriever(Builder b) {
    this.client = new WikipediaClient(b.endpoint, b.userAgent, b.timeout, b.maxAttempts, b.maxRetryWait,
        RateLimiter.spacing(b.requestsPerSecond, b.nanoTime, b.sleeper), b.sleeper);
    this.maxPassageChars = b.maxPassageChars;
    this.store = Optional.ofNullable(b.cache);
    this.keyPrefix = "wikipedia|" + b.endpoint + "|";
    this.searches = new LruCache<>(b.memoryCacheEntries);
    this.pages = new LruCache<>(b.memoryCacheEntries);
  }

  /**
   * Starts a configuration for the English Wikipedia with the defaults: one request a second, 1,500-character
   * passages, 30 s timeouts, 4 attempts per request, no persistent cache.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Searches Wikipedia and returns the lead sections of the best pages.
   *
   * @param query free text, usually an entity name; search keywords such as {@code intitle:} are neutralised
   * @param k the most passages to return (at most {@value #MAX_SEARCH_RESULTS} are looked at)
   * @return passages best first: id = page id, title = page title, text = lead section cut to
   *     {@code max_passage_chars} at a sentence end, source = the page URL, score = 1 / rank; empty when nothing is
   *     found
   * @throws SynthkitException (exit 3) when the API stays unreachable or refuses the request
   */
  @Override
  public List<Passage> search(String query, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be positive: " + k);
    String q = WikipediaQuery.plain(query);
    if (q.isEmpty()) return List.of();
    List<String> titles = titles(q, Math.min(k, MAX_SEARCH_RESULTS));
    Map<String, WikipediaPage> found = pages(titles);
    List<Passage> passages = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (String title : titles) {
      WikipediaPage page = found.get(title);
      // Two results can redirect to one page; cite it once.
      if (page == null || !page.usable() || !seen.add(page.id())) continue;
      passages.add(new Passage(Long.toString(page.id()), page.title(),
          PassageText.truncate(page.extract(), maxPassageChars), pageUrl(page), 1.0 / (passages.size() + 1)));
      if (passages.size() == k) break;
    }
    return passages;
  }

  private List<String> titles(String query, int limit) {
    String key = "search|" + limit + "|" + query.toLowerCase(Locale.ROOT);
    List<String> titles = searches.get(key);
    if (titles == null) titles = stored(key).map(WikipediaRetriever::titleList).orElse(null);
    if (titles == null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("action", "query");
      params.put("list", "search");
      params.put("srsearch", query);
      params.put("srlimit", Integer.toString(limit));
      params.put("srnamespace", "0");
      params.put("srprop", "");
      params.put("format", "json");
      params.put("formatversion", "2");
      titles = new ArrayList<>();
      for (JsonNode hit : client.get(params).path("query").path("search")) titles.add(hit.path("title").asText());
      titles = List.copyOf(titles);
      store(key, JSON.valueToTree(titles).toString());
    }
    searches.put(key, titles);
    return titles;
  }

  private Map<String, WikipediaPage> pages(List<String> titles) {
    Map<String, WikipediaPage> result = new HashMap<>();
    List<String> wanted = new ArrayList<>();
    for (String title : titles) {
      WikipediaPage page = cachedPage(title);
      if (page != null) result.put(title, page);
      else if (!wanted.contains(title)) wanted.add(title);
    }
    for (int from = 0; from < wanted.size(); from += TITLES_PER_REQUEST) {
      List<String> chunk = wanted.subList(from, Math.min(from + TITLES_PER_REQUEST, wanted.size()));
      Map<String, WikipediaPage> fetched = WikipediaExtracts.parse(client.get(WikipediaExtracts.params(chunk)), chunk);
      fetched.forEach((title, page) -> {
        remember(title, page);
        if (page.usable()) remember(page.title(), page);
        result.put(title, page);
      });
    }
    return result;
  }

  private @Nullable WikipediaPage cachedPage(String title) {
    WikipediaPage page = pages.get(title);
    if (page != null) return page;
    page = stored("page|" + title).map(WikipediaRetriever::page).orElse(null);
    if (page != null) pages.put(title, page);
    return page;
  }

  private void remember(String title, WikipediaPage page) {
    pages.put(title, page);
    ObjectNode json = JSON.createObjectNode().put("id", page.id()).put("title", page.title())
        .put("extract", page.extract());
    store("page|" + title, json.toString());
  }

  private Optional<String> stored(String key) {
    return store.flatMap(s -> s.get(keyPrefix + key));
  }

  private void store(String key, String json) {
    store.ifPresent(s -> s.put(keyPrefix + key, json));
  }

  /** Parses a stored title list; a damaged entry counts as a miss. */
  private static @Nullable List<String> titleList(String json) {
    try {
      List<String> titles = new ArrayList<>();
      for (JsonNode t : JSON.readTree(json)) titles.add(t.asText());
      return List.copyOf(titles);
    } catch (IOException e) {
      return null;
    }
  }

  /** Parses a stored page; a damaged entry counts as a miss. */
  private static @Nullable WikipediaPage page(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (!n.path("title").isTextual() || !n.path("extract").isTextual()) return null;
      return new WikipediaPage(n.path("id").asLong(), n.path("title").asText(), n.path("extract").asText());
    } catch (IOException e) {
      return null;
    }
  }

  /** The article URL: {@code /wiki/Title} on a Wikimedia-style layout, else {@code index.php?curid=ID}. */
  private String pageUrl(WikipediaPage page) {
    String endpoint = client.endpoint().toString();
    if (endpoint.endsWith("/w/api.php")) {
      return endpoint.substring(0, endpoint.length() - "w/api.php".length()) + "wiki/"
          + URLEncoder.encode(page.title().replace(' ', '_'), StandardCharsets.UTF_8);
    }
    return client.endpoint().resolve("index.php?curid=" + page.id()).toString();
  }

  /** Closes the HTTP client. */
  @Override
  public void close() {
    client.close();
  }

  private static String version() {
    try (InputStream in = WikipediaRetriever.class
        .getResourceAsStream("/META-INF/maven/io.synthkit/synthkit-core/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) return v.strip();
      }
    } catch (IOException ignored) {
      // Fall through to the manifest; a version string is not worth failing for.
    }
    String v = WikipediaRetriever.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Configures a {@link WikipediaRetriever}. Not thread-safe; setters validate.
   */
  public static final class Builder {
    private URI endpoint = languageEndpoint(RetrievalConfig.DEFAULT_LANGUAGE);
    private String userAgent = DEFAULT_USER_AGENT;
    private double requestsPerSecond = RetrievalConfig.DEFAULT_REQUESTS_PER_SECOND;
    private int maxPassageChars = RetrievalConfig.DEFAULT_MAX_PASSAGE_CHARS;
    private Duration timeout = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private Duration maxRetryWait = Duration.ofMinutes(2);
    private @Nullable RetrievalCache cache;
    private int memoryCacheEntries = 10_000;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * Uses the Wikipedia of a language, {@code https://{language}.wikipedia.org/w/api.php}.
     *
     * @param language a Wikipedia language code such as {@code en}, {@code de} or {@code zh-yue}
     * @return this builder
     * @throws SynthkitException (exit 2) when the code is malformed
     */
    public Builder language(String language) {
      this.endpoint = languageEndpoint(language);
      return this;
    }

    /**
     * Uses any MediaWiki Action API endpoint.
     *
     * @param baseUrl the {@code api.php} URL, http or https
     * @return this builder
     * @throws SynthkitException (exit 2) when the URL is not an absolute http(s) URL
     */
    public Builder baseUrl(String baseUrl) {
      try {
        URI uri = new URI(baseUrl.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getQuery() != null) {
          throw new URISyntaxException(baseUrl, "expected http(s)://host/path/api.php without a query");
        }
        this.endpoint = uri;
      } catch (URISyntaxException e) {
        throw SynthkitException.input("retrieval.base_url must be a MediaWiki api.php URL such as "
            + "https://en.wikipedia.org/w/api.php: " + baseUrl);
      }
      return this;
    }

    /**
     * Sets the User-Agent. Wikimedia asks for the tool name and a way to reach its operator.
     *
     * @param userAgent for example {@code mydataset/1.0 (https://example.org/me; me@example.org) synthkit}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      if (userAgent == null || userAgent.isBlank()) throw SynthkitException.input("retrieval.user_agent is empty");
      this.userAgent = userAgent.strip();
      return this;
    }

    /**
     * Sets the rate limit.
     *
     * @param perSecond requests per second, default 1
     * @return this builder
     */
    public Builder requestsPerSecond(double perSecond) {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw SynthkitException.input("retrieval.requests_per_second must be a positive number: " + perSecond);
      }
      this.requestsPerSecond = perSecond;
      return this;
    }

    /**
     * Sets the longest passage text kept.
     *
     * @param chars default 1,500
     * @return this builder
     */
    public Builder maxPassageChars(int chars) {
      if (chars < 1) throw new IllegalArgumentException("maxPassageChars must be positive: " + chars);
      this.maxPassageChars = chars;
      return this;
    }

    /**
     * Sets the connect and request timeout.
     *
     * @param timeout default 30 s
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive: "
          + timeout);
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many times a request is tried before giving up.
     *
     * @param attempts default 4 (waits 1 s, 2 s, 4 s between them unless the server says otherwise)
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) throw new IllegalArgumentException("maxAttempts must be positive: " + attempts);
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Sets the longest wait between attempts; a {@code Retry-After} longer than this fails the request at once.
     *
     * @param wait default 2 minutes
     * @return this builder
     */
    public Builder maxRetryWait(Duration wait) {
      if (wait.isNegative()) throw new IllegalArgumentException("maxRetryWait must not be negative: " + wait);
      this.maxRetryWait = wait;
      return this;
    }

    /**
     * Keeps results in a persistent cache as well as in memory.
     *
     * @param cache the run's cache
     * @return this builder
     */
    public Builder cache(RetrievalCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Bounds the in-memory caches.
     *
     * @param entries searches and pages kept each, default 10,000
     * @return this builder
     */
    public Builder memoryCacheEntries(int entries) {
      if (entries < 1) throw new IllegalArgumentException("memoryCacheEntries must be positive: " + entries);
      this.memoryCacheEntries = entries;
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = nanoTime;
      return this;
    }

    /**
     * Creates the retriever.
     *
     * @return the retriever; the caller closes it
     */
    public WikipediaRetriever build() {
      return new WikipediaRetriever(this);
    }

    private static URI languageEndpoint(String language) {
      if (language == null || !LANGUAGE.matcher(language.strip()).matches()) {
        throw SynthkitException.input("retrieval.language must be a Wikipedia language code such as en, de or "
            + "zh-yue: " + language);
      }
      return URI.create("https://" + language.strip() + ".wikipedia.org/w/api.php");
    }
  }
}
