package io.synthkit.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds and reads the lead-section request ({@code prop=extracts}) of the MediaWiki Action API. Reads both JSON
 * layouts ({@code formatversion=2} arrays and booleans, and the older objects keyed by page id with empty-string
 * flags), so a wiki that ignores {@code formatversion} still works. Stateless and thread-safe.
 */
final class WikipediaExtracts {

  /** Redirect chains longer than this are treated as loops. */
  private static final int MAX_HOPS = 5;

  private WikipediaExtracts() {}

  /**
   * Returns the request for the plain-text lead sections of up to {@value WikipediaRetriever#TITLES_PER_REQUEST}
   * titles, with redirects followed and the disambiguation flag asked for.
   */
  static Map<String, String> params(List<String> titles) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("action", "query");
    params.put("prop", "extracts|pageprops");
    // MediaWiki boolean parameters are true when present with any value ("exintro=0" means true), so flags that
    // should be off are left out rather than sent as 0.
    params.put("exintro", "1");
    params.put("explaintext", "1");
    params.put("exlimit", "max");
    params.put("ppprop", "disambiguation");
    params.put("redirects", "1");
    params.put("titles", String.join("|", titles));
    params.put("format", "json");
    params.put("formatversion", "2");
    return params;
  }

  /**
   * Maps each asked-for title to its page: the page's lead section, or {@link WikipediaPage#absent} for a missing,
   * invalid or disambiguation page. A title the answer says nothing about (the API cut the batch short) is left out,
   * so it is asked for again next time instead of being cached as absent.
   *
   * @param answer the API answer
   * @param asked the titles sent
   * @return title as asked → page
   */
  static Map<String, WikipediaPage> parse(JsonNode answer, List<String> asked) {
    JsonNode query = answer.path("query");
    Map<String, String> renamed = new HashMap<>();
    for (String list : List.of("normalized", "redirects")) {
      for (JsonNode r : query.path(list)) renamed.put(r.path("from").asText(), r.path("to").asText());
    }
    Map<String, WikipediaPage> byTitle = new HashMap<>();
    for (JsonNode p : query.path("pages")) { // an array, or an object whose values are pages
      String title = p.path("title").asText();
      if (flag(p, "missing") || flag(p, "invalid") || p.path("pageprops").has("disambiguation")) {
        byTitle.put(title, WikipediaPage.absent(title));
      } else if (p.path("extract").isTextual()) {
        byTitle.put(title, new WikipediaPage(p.path("pageid").asLong(), title, p.path("extract").asText().strip()));
      }
    }
    Map<String, WikipediaPage> result = new HashMap<>();
    for (String title : asked) {
      WikipediaPage page = byTitle.get(resolve(title, renamed));
      if (page != null) result.put(title, page);
    }
    return result;
  }

  private static String resolve(String title, Map<String, String> renamed) {
    String t = title;
    for (int hop = 0; hop < MAX_HOPS && renamed.containsKey(t); hop++) t = renamed.get(t);
    return t;
  }

  /** True for {@code "missing": true} (formatversion 2) and {@code "missing": ""} (formatversion 1). */
  private static boolean flag(JsonNode page, String name) {
    JsonNode v = page.get(name);
    return v != null && !(v.isBoolean() && !v.booleanValue());
  }
}
