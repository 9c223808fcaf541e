package io.synthkit.retrieval.lucene;

import io.synthkit.retrieval.lucene.search.Analyzers;
import io.synthkit.retrieval.lucene.search.IndexFields;
import io.synthkit.retrieval.lucene.search.IndexMetadata;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

/**
 * Builds a Lucene BM25 index from a JSONL corpus of {@code {"id","title","text"}} lines; this is what
 * {@code synthkit index CORPUS.jsonl --out DIR} runs.
 *
 * <p>The corpus is streamed line by line, so memory does not grow with its size. Each document is split into
 * passages of about {@link #DEFAULT_PASSAGE_WORDS} words (see {@link PassageSplitter} for why), each passage one
 * Lucene document carrying its parent's id and title. A build is all or nothing: any bad line, duplicate id or I/O
 * failure rolls the index back (a directory the build created or found empty is emptied again; a replaced index is
 * left as it was), and {@code synthkit-index.json} is written only after the final commit.
 *
 * <p>Instances are immutable and thread-safe. Each {@link #index} call reads the corpus on the calling thread and
 * leaves Lucene's analysis to up to {@link Builder#threads(int)} - 1 helper threads; progress is reported on the
 * calling thread.
 */
public final class CorpusIndexer {

  /** Default passage size in words (see {@link PassageSplitter}). */
  public static final int DEFAULT_PASSAGE_WORDS = 200;
  /** Default overlap between consecutive passages in words: one or two sentences. */
  public static final int DEFAULT_OVERLAP_WORDS = 40;
  /** Default number of documents between progress reports. */
  public static final int DEFAULT_PROGRESS_INTERVAL = 10_000;

  /** Larger than Lucene's 16 MB default: fewer, larger flushed segments mean less merging on big corpora. */
  private static final double RAM_BUFFER_MB = 64;

  private final Analysis analyzer;
  private final int passageWords;
  private final int overlapWords;
  private final boolean overwrite;
  private final int progressInterval;
  private final int threads;

  private CorpusIndexer(Builder b) {
    this.analyzer = b.analyzer;
    this.passageWords = b.passageWords;
    this.overlapWords = b.overlapWords;
    this.overwrite = b.overwrite;
    this.progressInterval = b.progressInterval;
    this.threads = b.threads;
    new PassageSplitter(passageWords, overlapWords); // validates the pair now rather than mid-build
  }

  /**
   * Starts a configuration with the defaults: English analysis, 200-word passages with 40 words of overlap, no
   * overwriting, progress every 10,000 documents, up to 4 threads.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the index.
   *
   * @param corpus the JSONL corpus file
   * @param indexDir the output directory: absent, empty, or (with {@link Builder#overwrite(boolean)}) an old index
   * @param progress told every {@code progressInterval} documents and once at the end
   * @return counts and timing of the build
   * @throws SynthkitException (exit 2) naming the file and line of a malformed line or duplicate id, or the path
   *     that cannot be read or written
   */
  public Summary index(Path corpus, Path indexDir, Progress progress) {
    Objects.requireNonNull(progress, "progress");
    Path source = corpus.toAbsolutePath().normalize();
    Path dir = indexDir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(source)) throw SynthkitException.input("corpus file not found: " + corpus);
    long started = System.nanoTime();
    Target target = prepare(dir);
    try {
      long[] counts = build(source, dir, progress);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      new IndexMetadata(IndexMetadata.FORMAT, source.toString(), counts[0], counts[1], analyzer.id(), passageWords,
          overlapWords, Instant.now().toString(), took.toMillis(), Version.LATEST.toString()).write(dir);
      progress.indexed(counts[0], counts[1]);
      return new Summary(source, dir, counts[0], counts[1], took);
    } catch (IOException | RuntimeException e) {
      target.cleanUp(dir);
      if (e instanceof RuntimeException r) throw r;
      throw SynthkitException.input("cannot build the index " + dir + " from " + corpus + ": " + e, e);
    }
  }

  /** Returns {documents, passages}; commits only when every line was good. */
  private long[] build(Path corpus, Path dir, Progress progress) throws IOException {
    try (Directory directory = FSDirectory.open(dir);
        Analyzer analysis = Analyzers.create(analyzer.id());
        CorpusReader reader = new CorpusReader(corpus)) {
      IndexWriterConfig config = new IndexWriterConfig(analysis)
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
          .setSimilarity(new BM25Similarity())
          .setRAMBufferSizeMB(RAM_BUFFER_MB)
          .setCommitOnClose(false);
      IndexWriter writer = new IndexWriter(directory, config);
      boolean committed = false;
      try (ParallelWriter parallel = new ParallelWriter(writer, threads)) {
        PassageSplitter splitter = new PassageSplitter(passageWords, overlapWords);
        long documents = 0;
        long passages = 0;
        for (CorpusDocument doc = reader.next(); doc != null; doc = reader.next()) {
          List<Document> docs = toLucene(doc, splitter);
          parallel.add(docs);
          passages += docs.size();
          if (++documents % progressInterval == 0) progress.indexed(documents, passages);
        }
        parallel.finish();
        DuplicateIds.check(writer, reader);
        // Old metadata must not describe the new index, even for the instant between commit and the new file.
        Files.deleteIfExists(dir.resolve(IndexMetadata.FILE_NAME));
        writer.commit();
        committed = true;
        writer.close();
        return new long[] {documents, passages};
      } finally {
        if (!committed) writer.rollback();
      }
    }
  }

  private static List<Document> toLucene(CorpusDocument doc, PassageSplitter splitter) {
    List<String> texts = splitter.split(doc.text());
    // A document with an empty body still gets one passage so that its title can be found.
    if (texts.isEmpty()) texts = List.of("");
    List<Document> passages = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      Document d = new Document();
      d.add(new StringField(IndexFields.ID, doc.id(), Field.Store.YES));
      d.add(new TextField(IndexFields.TITLE, doc.title(), Field.Store.YES));
      d.add(new TextField(IndexFields.TEXT, texts.get(i), Field.Store.YES));
      d.add(new StoredField(IndexFields.PASSAGE, i));
      if (i == 0) {
        d.add(new StringField(IndexFields.DOC_KEY, doc.id(), Field.Store.NO));
        d.add(new StoredField(IndexFields.LINE, doc.line()));
      }
      passages.add(d);
    }
    return passages;
  }

  private Target prepare(Path dir) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw SynthkitException.input("index path is a file, not a directory: " + dir);
      }
      if (!Files.exists(dir)) {
        Files.createDirectories(dir);
        return Target.CREATED;
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) return Target.EMPTY;
      }
      if (!overwrite) {
        throw SynthkitException.input("index directory " + dir + " is not empty; choose a new directory or pass "
            + "--overwrite to replace the index in it");
      }
      return Target.REPLACED;
    } catch (IOException e) {
      throw SynthkitException.input("cannot create the index directory " + dir + ": " + e, e);
    }
  }

  /** What the output directory was before the build, which decides what a failed build removes. */
  private enum Target {
    CREATED, EMPTY, REPLACED;

    void cleanUp(Path dir) {
      if (this == REPLACED) return; // rollback already restored the previous commit; its files are not ours
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path p : entries.toList()) Files.deleteIfExists(p);
        if (this == CREATED) Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // Best effort: the build error is what the user needs to see; leftovers carry no metadata file.
      }
    }
  }

  /**
   * The text analysis an index is built with. The choice is recorded in {@code synthkit-index.json} and the retriever
   * reuses it, because query terms only match when they are analyzed like the indexed ones.
   *
   * <p>{@link #ENGLISH} is the default. Measured on the test encyclopedia (55 articles, 66 entity and descriptive
   * queries, right article first): Lucene's StandardAnalyzer 60/66, its EnglishAnalyzer 64/66, EnglishAnalyzer plus
   * ASCII folding 65/66. Stemming lets "erupting volcanoes" meet "eruption of ... volcano"; folding lets "Krakow" meet
   * "Kraków".
   */
  public enum Analysis {
    /** Standard tokenizer, English possessives, lower case, ASCII folding, English stop words, Porter stemming. */
    ENGLISH,
    /** Standard tokenizer and lower case only; for non-English corpora or exact-word matching. */
    STANDARD;

    /**
     * Returns the name used in metadata and on the command line.
     *
     * @return {@code english} or {@code standard}
     */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks an analysis up by {@link #id()}.
     *
     * @param id the name, any case
     * @return the analysis
     * @throws SynthkitException (exit 2) listing the known names when {@code id} is unknown
     */
    public static Analysis of(String id) {
      return valueOf(Analyzers.requireKnown(id).toUpperCase(Locale.ROOT));
    }
  }

  /**
   * Receives progress while an index is built, for a progress bar or periodic log lines. Called on the thread that
   * called {@link #index} every {@link Builder#progressInterval(int) progressInterval} documents and once at the end,
   * so an implementation should return quickly. {@code documents} counts documents read and handed to the index
   * writer; the last few may still be in analysis on another thread until the final report.
   */
  @FunctionalInterface
  public interface Progress {

    /** Ignores progress. */
    Progress NONE = (documents, passages) -> {};

    /**
     * Reports the work done so far.
     *
     * @param documents corpus documents indexed so far
     * @param passages Lucene documents (passages) written so far, at least {@code documents} minus empty bodies
     */
    void indexed(long documents, long passages);
  }

  /**
   * What {@link #index} built.
   *
   * @param corpus the absolute corpus path
   * @param index the absolute index directory
   * @param documents corpus documents indexed
   * @param passages passages (Lucene documents) written
   * @param buildTime wall time from opening the corpus to the final commit
   */
  public record Summary(Path corpus, Path index, long documents, long passages, Duration buildTime) {

    /**
     * Returns the indexing rate.
     *
     * @return corpus documents per second of build time
     */
    public double documentsPerSecond() {
      double seconds = buildTime.toNanos() / 1e9;
      return seconds > 0 ? documents / seconds : documents;
    }
  }

  /**
   * Configures a {@link CorpusIndexer}. Not thread-safe; {@link #build()} validates.
   */
  public static final class Builder {
    private Analysis analyzer = Analysis.ENGLISH;
    private int passageWords = DEFAULT_PASSAGE_WORDS;
    private int overlapWords = DEFAULT_OVERLAP_WORDS;
    private boolean overwrite;
    private int progressInterval = DEFAULT_PROGRESS_INTERVAL;
    private int threads = Math.min(4, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * Sets the analysis for titles and text.
     *
     * @param analyzer default {@link Analysis#ENGLISH}
     * @return this builder
     */
    public Builder analyzer(Analysis analyzer) {
      this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * Sets the passage size.
     *
     * @param words target words per passage, default 200; the last passage of a document may be 25% longer
     * @return this builder
     */
    public Builder passageWords(int words) {
      this.passageWords = words;
      return this;
    }

    /**
     * Sets how many words of whole sentences consecutive passages share.
     *
     * @param words default 40; must be below the passage size
     * @return this builder
     */
    public Builder overlapWords(int words) {
      this.overlapWords = words;
      return this;
    }

    /**
     * Allows building into a non-empty directory, replacing the index in it (other files are left alone).
     *
     * @param overwrite default {@code false}
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sets how often progress is reported.
     *
     * @param documents documents between reports, default 10,000
     * @return this builder
     */
    public Builder progressInterval(int documents) {
      if (documents < 1) throw new IllegalArgumentException("progressInterval must be positive: " + documents);
      this.progressInterval = documents;
      return this;
    }

    /**
     * Sets how many threads do indexing work. The calling thread reads, parses and splits the corpus; the other
     * {@code threads - 1} run Lucene's analysis and inversion, most of the cost.
     *
     * @param threads 1 to index on the calling thread only; default the number of processors, at most 4
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) throw new IllegalArgumentException("threads must be positive: " + threads);
      this.threads = threads;
      return this;
    }

    /**
     * Creates the indexer.
     *
     * @return the indexer
     * @throws IllegalArgumentException when the passage size is not positive or the overlap is not below it
     */
    public CorpusIndexer build() {
      return new CorpusIndexer(this);
    }
  }
}
