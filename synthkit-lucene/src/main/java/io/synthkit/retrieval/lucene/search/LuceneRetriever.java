package io.synthkit.retrieval.lucene.search;

import io.synthkit.retrieval.PassageText;
import io.synthkit.spi.Passage;
import io.synthkit.spi.RetrievalConfig;
import io.synthkit.spi.Retriever;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Retriever} over a local index built by {@link io.synthkit.retrieval.lucene.CorpusIndexer}: BM25 over passage
 * titles (boosted) and text.
 *
 * <p>Queries are free text, usually entity names. They are never parsed as Lucene query syntax: the text is run
 * through the index's analyzer and turned into term and phrase queries directly, so {@code AND (}, quotes, {@code *}
 * or {@code title:x} are just words and no user text can make a search throw. Queries longer than
 * {@value #MAX_QUERY_WORDS} words are cut, which keeps the query under Lucene's clause limit.
 *
 * <p>The index is opened read-only (nothing is written, no lock is taken), so several processes can share it.
 * Thread-safe: any number of threads may search concurrently; {@link #close()} must come after the last search.
 */
public final class LuceneRetriever implements Retriever {

  /** Words of a query that are used; entity names are short, and this bounds the clause count. */
  static final int MAX_QUERY_WORDS = 64;

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final IndexMetadata metadata;
  private final String source;
  private final int maxPassageChars;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LuceneRetriever(Directory directory, DirectoryReader reader, IndexMetadata metadata, int maxPassageChars) {
    this.directory = directory;
    this.reader = reader;
    this.metadata = metadata;
    this.maxPassageChars = maxPassageChars;
    this.analyzer = Analyzers.create(metadata.analyzer());
    this.searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
    String corpus = metadata.corpus();
    this.source = corpus == null || corpus.isBlank() ? "" : corpus;
  }

  /**
   * Opens an index with the default passage length ({@value RetrievalConfig#DEFAULT_MAX_PASSAGE_CHARS} characters).
   *
   * @param indexDir a directory written by {@link io.synthkit.retrieval.lucene.CorpusIndexer}
   * @return the retriever; the caller closes it
   * @throws SynthkitException (exit 2) when the directory holds no complete synthkit index, telling the user how to
   *     build one
   */
  public static LuceneRetriever open(Path indexDir) {
    return open(indexDir, RetrievalConfig.DEFAULT_MAX_PASSAGE_CHARS);
  }

  /**
   * Opens an index.
   *
   * @param indexDir a directory written by {@link io.synthkit.retrieval.lucene.CorpusIndexer}
   * @param maxPassageChars passage texts longer than this are cut at a sentence end ({@link PassageText})
   * @return the retriever; the caller closes it
   * @throws SynthkitException (exit 2) when the directory holds no complete synthkit index, telling the user how to
   *     build one
   */
  public static LuceneRetriever open(Path indexDir, int maxPassageChars) {
    if (maxPassageChars < 1) throw new IllegalArgumentException("maxPassageChars must be positive: " + maxPassageChars);
    Path dir = indexDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) throw invalid(dir, "the directory does not exist");
    if (!Files.isRegularFile(dir.resolve(IndexMetadata.FILE_NAME))) {
      throw invalid(dir, "it has no " + IndexMetadata.FILE_NAME
          + " (not a synthkit index, or its build did not finish)");
    }
    IndexMetadata metadata;
    try {
      metadata = IndexMetadata.read(dir);
    } catch (IOException e) {
      throw invalid(dir, IndexMetadata.FILE_NAME + " is unreadable: " + e.getMessage());
    }
    if (metadata.format() != IndexMetadata.FORMAT) {
      throw invalid(dir, "its format " + metadata.format() + " is not " + IndexMetadata.FORMAT + " (built by another "
          + "synthkit version)");
    }
    try {
      Analyzers.requireKnown(metadata.analyzer());
    } catch (SynthkitException e) {
      throw invalid(dir, String.valueOf(e.getMessage()));
    }
    Directory directory = null;
    try {
      directory = FSDirectory.open(dir);
      return new LuceneRetriever(directory, DirectoryReader.open(directory), metadata, maxPassageChars);
    } catch (IOException | RuntimeException e) {
      closeQuietly(directory);
      if (e instanceof SynthkitException s) throw s;
      throw invalid(dir, "Lucene cannot read it: " + e.getMessage());
    }
  }

  private static SynthkitException invalid(Path dir, String why) {
    return SynthkitException.input("no usable Lucene index at " + dir + ": " + why + ". Build one with `synthkit index "
        + "CORPUS.jsonl --out " + dir + "` (add --overwrite to replace an old one)");
  }

  /**
   * Searches titles and passage texts with BM25, any query word matching; a title match weighs
   * {@value IndexFields#TITLE_BOOST} times a text match.
   *
   * @param query free text; never parsed as query syntax
   * @param k the most passages to return, positive
   * @return passages best first; empty for a blank query or one made only of stop words or punctuation
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<Passage> search(String query, int k) {
    if (k < 1) throw new IllegalArgumentException("k must be positive: " + k);
    if (closed.get()) throw new IllegalStateException("retriever is closed");
    Query q = toQuery(query);
    if (q == null) return List.of();
    try {
      ScoreDoc[] hits = searcher.search(q, k).scoreDocs;
      // StoredFields instances are not thread-safe; one per call keeps concurrent searches independent.
      StoredFields stored = searcher.storedFields();
      List<Passage> passages = new ArrayList<>(hits.length);
      for (ScoreDoc hit : hits) {
        Document d = stored.document(hit.doc);
        passages.add(new Passage(d.get(IndexFields.ID), d.get(IndexFields.TITLE),
            PassageText.truncate(d.get(IndexFields.TEXT), maxPassageChars), source, hit.score));
      }
      return passages;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the index " + source, e);
    }
  }

  /** Returns the query for free text, or {@code null} when no searchable term is left after analysis. */
  private @Nullable Query toQuery(String text) {
    if (text == null || text.isBlank()) return null;
    String[] words = text.strip().split("\\s+");
    String capped = words.length <= MAX_QUERY_WORDS ? text : String.join(" ", List.of(words).subList(0,
        MAX_QUERY_WORDS));
    QueryBuilder builder = new QueryBuilder(analyzer);
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    boolean any = add(query, builder.createBooleanQuery(IndexFields.TITLE, capped), IndexFields.TITLE_BOOST);
    any |= add(query, builder.createBooleanQuery(IndexFields.TEXT, capped), 1f);
    return any ? query.build() : null;
  }

  private static boolean add(BooleanQuery.Builder query, Query clause, float boost) {
    if (clause == null) return false;
    query.add(boost == 1f ? clause : new BoostQuery(clause, boost), BooleanClause.Occur.SHOULD);
    return true;
  }

  /**
   * Returns what {@code synthkit-index.json} says about the index.
   *
   * @return the metadata read at open
   */
  public IndexMetadata metadata() {
    return metadata;
  }

  /** Closes the index; later searches throw {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    closeQuietly(reader);
    closeQuietly(directory);
    analyzer.close();
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // Nothing was written; a failure to release a read-only file handle leaves nothing to repair.
    }
  }
}
