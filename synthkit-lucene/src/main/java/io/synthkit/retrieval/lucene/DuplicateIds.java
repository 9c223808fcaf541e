package io.synthkit.retrieval.lucene;

import io.synthkit.retrieval.lucene.search.IndexFields;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Finds duplicate corpus ids in an uncommitted index, after all documents are added.
 *
 * <p>Why after, not while reading: remembering every id seen would make memory grow with the corpus (tens of
 * millions of ids in a Wikipedia dump), while the index already holds them. Each document's passage 0 carries its id
 * in {@link IndexFields#DOC_KEY}, so a term with document frequency above 1 is a duplicate; one pass over that term
 * dictionary finds them all with flat memory. The cost is that a duplicate is reported at the end of the build.
 */
final class DuplicateIds {

  private DuplicateIds() {}

  /**
   * Throws if any id occurs on two lines, naming the duplicate whose second occurrence comes first in the file.
   *
   * @param writer the writer holding every document, not yet committed
   * @param corpus the reader of the corpus, used to word the error
   */
  static void check(IndexWriter writer, CorpusReader corpus) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      Terms terms = MultiTerms.getTerms(reader, IndexFields.DOC_KEY);
      if (terms == null) return;
      IndexSearcher searcher = new IndexSearcher(reader);
      StoredFields stored = searcher.storedFields();
      TermsEnum ids = terms.iterator();
      String worstId = null;
      long[] worstLines = null;
      long duplicated = 0;
      for (BytesRef id = ids.next(); id != null; id = ids.next()) {
        if (ids.docFreq() < 2) continue;
        duplicated++;
        long[] lines = lines(searcher, stored, new Term(IndexFields.DOC_KEY, BytesRef.deepCopyOf(id)), ids.docFreq());
        if (worstLines == null || lines[1] < worstLines[1]) {
          worstId = id.utf8ToString();
          worstLines = lines;
        }
      }
      if (worstLines == null) return;
      String more = duplicated > 1 ? "; " + (duplicated - 1) + " more ids are duplicated" : "";
      throw corpus.error(worstLines[1],
          "duplicate id \"" + worstId + "\" (first used on line " + worstLines[0] + ")" + more);
    }
  }

  private static long[] lines(IndexSearcher searcher, StoredFields stored, Term id, int count) throws IOException {
    ScoreDoc[] hits = searcher.search(new TermQuery(id), count).scoreDocs;
    long[] lines = new long[hits.length];
    for (int i = 0; i < hits.length; i++) {
      lines[i] = stored.document(hits[i].doc, Set.of(IndexFields.LINE)).getField(IndexFields.LINE)
          .numericValue().longValue();
    }
    Arrays.sort(lines);
    return lines;
  }
}
