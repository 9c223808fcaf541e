package io.synthkit.retrieval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The {@code retrieval:} section of a run config.
 *
 * @param provider {@code lucene} (a local index built with {@code synthkit index}) or {@code wikipedia}
 * @param index the directory of a Lucene index (provider {@code lucene})
 * @param baseUrl the MediaWiki API URL (provider {@code wikipedia}); default the English Wikipedia
 * @param language Wikipedia language code when no base URL is given
 * @param requestsPerSecond polite rate limit for the Wikipedia API
 * @param passagesPerQuery how many passages to return per query
 * @param maxPassageChars longest passage text kept (pages are long; this bounds prompt cost)
 */
public record RetrievalConfig(
    @JsonPropertyDescription("lucene | wikipedia") String provider,
    @JsonPropertyDescription("Lucene index directory (provider lucene)") String index,
    @JsonProperty("base_url") @JsonPropertyDescription("MediaWiki API URL (provider wikipedia)") String baseUrl,
    @JsonPropertyDescription("Wikipedia language code, default en") String language,
    @JsonProperty("requests_per_second") @JsonPropertyDescription("rate limit for the Wikipedia API")
        Double requestsPerSecond,
    @JsonProperty("passages_per_query") @JsonPropertyDescription("passages returned per query") Integer passagesPerQuery,
    @JsonProperty("max_passage_chars") @JsonPropertyDescription("longest passage text kept") Integer maxPassageChars) {}
