package io.synthkit.spi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import org.jspecify.annotations.Nullable;

/**
 * The {@code retrieval:} section of a run config. Absent values mean "use the default"; the {@code ...OrDefault}
 * accessors apply the defaults and validate, so every provider reads the section the same way.
 *
 * @param provider {@code lucene} (a local index built with {@code synthkit index}) or {@code wikipedia}
 * @param index the directory of a Lucene index (provider {@code lucene})
 * @param baseUrl the MediaWiki API URL (provider {@code wikipedia}); default the Wikipedia of {@code language}
 * @param language Wikipedia language code when no base URL is given
 * @param requestsPerSecond polite rate limit for the Wikipedia API
 * @param passagesPerQuery how many passages to return per query
 * @param maxPassageChars longest passage text kept (pages are long; this bounds prompt cost)
 * @param userAgent the User-Agent sent to the Wikipedia API; Wikimedia asks for contact details in it
 */
public record RetrievalConfig(
    @JsonPropertyDescription("lucene | wikipedia") String provider,
    @JsonPropertyDescription("Lucene index directory (provider lucene)") @Nullable String index,
    @JsonProperty("base_url") @JsonPropertyDescription("MediaWiki API URL (provider wikipedia)")
        @Nullable String baseUrl,
    @JsonPropertyDescription("Wikipedia language code, default en") @Nullable String language,
    @JsonProperty("requests_per_second") @JsonPropertyDescription("rate limit for the Wikipedia API, default 1")
        @Nullable Double requestsPerSecond,
    @JsonProperty("passages_per_query") @JsonPropertyDescription("passages returned per query, default 3")
        @Nullable Integer passagesPerQuery,
    @JsonProperty("max_passage_chars") @JsonPropertyDescription("longest passage text kept, default 1500")
        @Nullable Integer maxPassageChars,
    @JsonProperty("user_agent")
        @JsonPropertyDescription("User-Agent for the Wikipedia API; put your contact (email or URL) in it")
        @Nullable String userAgent) {

  /** Passages per query when {@code passages_per_query} is absent: one per entity named in a typical check. */
  public static final int DEFAULT_PASSAGES_PER_QUERY = 3;
  /** About 250 English words: enough for a Wikipedia lead section, cheap enough to paste three into a prompt. */
  public static final int DEFAULT_MAX_PASSAGE_CHARS = 1500;
  /** One request a second: Wikimedia sets no number for reads but asks for serial, unhurried clients. */
  public static final double DEFAULT_REQUESTS_PER_SECOND = 1.0;
  /** Wikipedia language when neither {@code base_url} nor {@code language} is set. */
  public static final String DEFAULT_LANGUAGE = "en";

  /**
   * The section without a User-Agent override, as it was before {@code user_agent} existed.
   *
   * @param provider see the record components
   * @param index see the record components
   * @param baseUrl see the record components
   * @param language see the record components
   * @param requestsPerSecond see the record components
   * @param passagesPerQuery see the record components
   * @param maxPassageChars see the record components
   */
  public RetrievalConfig(String provider, @Nullable String index, @Nullable String baseUrl,
      @Nullable String language, @Nullable Double requestsPerSecond, @Nullable Integer passagesPerQuery,
      @Nullable Integer maxPassageChars) {
    this(provider, index, baseUrl, language, requestsPerSecond, passagesPerQuery, maxPassageChars, null);
  }

  /**
   * A section naming only a provider, everything else default.
   *
   * @param provider the provider name
   * @return the section
   */
  public static RetrievalConfig of(String provider) {
    return new RetrievalConfig(provider, null, null, null, null, null, null, null);
  }

  /**
   * Returns {@code passages_per_query} or its default.
   *
   * @return a positive count
   * @throws SynthkitException when the configured value is not positive
   */
  public int passagesPerQueryOrDefault() {
    if (passagesPerQuery == null) return DEFAULT_PASSAGES_PER_QUERY;
    if (passagesPerQuery < 1) {
      throw SynthkitException.input("retrieval.passages_per_query must be positive: " + passagesPerQuery);
    }
    return passagesPerQuery;
  }

  /**
   * Returns {@code max_passage_chars} or its default.
   *
   * @return a positive character count
   * @throws SynthkitException when the configured value is below 50 (too short to hold a fact)
   */
  public int maxPassageCharsOrDefault() {
    if (maxPassageChars == null) return DEFAULT_MAX_PASSAGE_CHARS;
    if (maxPassageChars < 50) {
      throw SynthkitException.input("retrieval.max_passage_chars must be at least 50: " + maxPassageChars);
    }
    return maxPassageChars;
  }

  /**
   * Returns {@code requests_per_second} or its default.
   *
   * @return a positive, finite rate
   * @throws SynthkitException when the configured value is not positive or not finite
   */
  public double requestsPerSecondOrDefault() {
    if (requestsPerSecond == null) return DEFAULT_REQUESTS_PER_SECOND;
    if (!(requestsPerSecond > 0) || requestsPerSecond.isInfinite()) {
      throw SynthkitException.input("retrieval.requests_per_second must be a positive number: " + requestsPerSecond);
    }
    return requestsPerSecond;
  }
}
