package io.synthkit.retrieval;

import java.util.regex.Pattern;

/**
 * Turns free text into a plain Wikipedia (CirrusSearch) full-text query. Entity names are text, not search syntax:
 * a keyword such as {@code intitle:} or {@code insource:/regex/}, a leading {@code -} (exclude) or {@code ~} (fuzzy
 * mode) would change the meaning of the search or make the API answer with an error. Stateless and thread-safe.
 */
final class WikipediaQuery {

  /** CirrusSearch keywords (https://www.mediawiki.org/wiki/Help:CirrusSearch) followed by a colon. */
  private static final Pattern KEYWORD = Pattern.compile("(?i)(?<![\\p{L}\\p{N}])(intitle|insource|incategory|"
      + "inlanguage|prefix|linksto|hastemplate|deepcat|deepcategory|morelike|morelikethis|neartitle|nearcoord|"
      + "boost-neartitle|boost-nearcoord|boost-templates|subpageof|pageid|contentmodel|articletopic|filetype|filemime|"
      + "filesize|filew|fileh|fileres|filebits|local):");
  private static final Pattern OPERATOR_PREFIX = Pattern.compile("(^|[\\s\\p{Z}])[-!~]+(?=[^\\s\\p{Z}])");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  private WikipediaQuery() {}

  /**
   * Returns the query to send, or an empty string when nothing searchable is left.
   *
   * @param text free text, usually an entity name
   * @return the text without search keywords and operator prefixes, whitespace collapsed
   */
  static String plain(String text) {
    if (text == null) return "";
    String s = CONTROL.matcher(text).replaceAll(" ");
    s = KEYWORD.matcher(s).replaceAll(" ");
    s = OPERATOR_PREFIX.matcher(s).replaceAll("$1");
    // \p{Z} adds no-break and other Unicode spaces, which \s alone misses.
    return SPACES.matcher(s).replaceAll(" ").strip();
  }
}
