package io.synthkit.retrieval.lucene;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.jspecify.annotations.Nullable;

/**
 * Hands passages to an {@link IndexWriter} from a few threads. Analysis and inversion inside Lucene are most of the
 * indexing cost, and IndexWriter is built for concurrent adds, so the caller keeps reading and splitting while pool
 * threads write. At most {@code 2 × threads} batches are in flight, which keeps memory flat: a fast reader blocks
 * instead of queueing the corpus.
 *
 * <p>With one thread everything runs on the caller, as a plain loop would. The first failure on a pool thread is
 * rethrown by the next {@link #add} or by {@link #finish()}. Used by one caller thread at a time.
 */
final class ParallelWriter implements AutoCloseable {

  /** Passages per task: enough to make task overhead negligible, few enough to keep batches small in memory. */
  private static final int BATCH = 512;

  private final IndexWriter writer;
  private final @Nullable ExecutorService pool;
  private final Semaphore inFlight;
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private volatile boolean cancelled;
  private List<Document> batch = new ArrayList<>(BATCH);

  /**
   * @param writer the writer to add to
   * @param threads total threads doing indexing work, the caller included; 1 means no pool
   */
  ParallelWriter(IndexWriter writer, int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be positive: " + threads);
    this.writer = writer;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "synthkit-indexer");
      t.setDaemon(true);
      return t;
    });
    this.inFlight = new Semaphore(2 * threads);
  }

  /** Adds the passages of one document (now, or in a batch soon). */
  void add(List<Document> passages) throws IOException {
    rethrow();
    if (pool == null) {
      for (Document d : passages) writer.addDocument(d);
      return;
    }
    batch.addAll(passages);
    if (batch.size() >= BATCH) submit(pool);
  }

  /** Waits until every passage is added; rethrows the first failure. */
  void finish() throws IOException {
    if (pool != null) {
      if (!batch.isEmpty()) submit(pool);
      pool.shutdown();
      try {
        while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
          // Keep waiting: a large flush or merge can take minutes on a big corpus.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the index writer");
      }
    }
    rethrow();
  }

  private void submit(ExecutorService workers) throws IOException {
    List<Document> docs = batch;
    batch = new ArrayList<>(BATCH);
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing");
    }
    workers.execute(() -> {
      try {
        if (failure.get() == null && !cancelled) {
          for (Document d : docs) writer.addDocument(d);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        inFlight.release();
      }
    });
  }

  private void rethrow() throws IOException {
    Throwable t = failure.get();
    if (t == null) return;
    if (t instanceof IOException e) throw e;
    if (t instanceof RuntimeException e) throw e;
    if (t instanceof Error e) throw e;
    throw new UncheckedIOException(new IOException(t));
  }

  /**
   * Stops the pool; after a failure, batches not yet started are skipped (the writer is rolled back anyway). Threads
   * are not interrupted: an interrupt closes Lucene's file channels under a running write.
   */
  @Override
  public void close() {
    if (pool == null || pool.isTerminated()) return;
    cancelled = true;
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
