package io.synthkit.retrieval;

/**
 * A page's plain-text lead section as fetched (and cached) by {@link WikipediaRetriever}.
 *
 * @param id the page id, 0 when the title has no usable page
 * @param title the canonical title after normalisation and redirects
 * @param extract the plain-text lead section, empty when the page is missing or a disambiguation page
 */
record WikipediaPage(long id, String title, String extract) {

  /**
   * A title that resolves to no article worth citing (missing, invalid, or a disambiguation list).
   *
   * @param title the title asked for
   * @return the marker, cached like a page so the title is not asked for again
   */
  static WikipediaPage absent(String title) {
    return new WikipediaPage(0, title, "");
  }

  /** Returns whether the page can serve as evidence. */
  boolean usable() {
    return id > 0 && !extract.isBlank();
  }
}
