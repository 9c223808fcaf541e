package io.synthkit.retrieval.lucene.search;

/** The Lucene field names of a synthkit index, shared by the indexer and the retriever; one Lucene document per
 * passage. */
public final class IndexFields {

  /** The corpus id of the parent document, stored and indexed verbatim. */
  public static final String ID = "id";
  /** The parent document title, stored and analyzed; boosted at query time. */
  public static final String TITLE = "title";
  /** The passage text, stored and analyzed. */
  public static final String TEXT = "text";
  /** The passage's position within its document (0, 1, ...), stored. */
  public static final String PASSAGE = "passage";
  /**
   * The corpus id again, indexed only on passage 0, so that its document frequency counts documents, not passages:
   * a frequency above 1 is a duplicate id.
   */
  public static final String DOC_KEY = "doc_key";
  /** The corpus line of the document, stored on passage 0, to name both lines of a duplicate id. */
  public static final String LINE = "line";

  /**
   * Query-time weight of a title match relative to a text match. Titles name the entity a query asks about; in a large
   * corpus an entity name occurs in many texts but in one title. (On the 55-article test set a boost of 1 ranks one
   * descriptive query better, "lightest element", which then loses to the title "Mercury (element)"; entity queries
   * are the main use, so we keep 2.)
   */
  public static final float TITLE_BOOST = 2.0f;

  private IndexFields() {}
}
