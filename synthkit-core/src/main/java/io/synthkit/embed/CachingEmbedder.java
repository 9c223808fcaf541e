package io.synthkit.embed;

import io.synthkit.spi.Embedder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Embedder} decorator that remembers vectors in a {@link VectorStore}, keyed by the delegate's
 * {@link Embedder#id()} and the SHA-256 of the text, so a text is embedded once per model no matter how often runs,
 * retries and quality stages ask for it.
 *
 * <p>Each {@link #embed(List)} call de-duplicates its texts, looks all of them up in one {@link VectorStore#getAll}
 * call, embeds only the misses in batches of {@code batchSize}, stores each batch as soon as it is done (so a crash
 * loses at most one batch) and returns one vector per input text in input order. Repeated texts get equal but
 * separate arrays.
 *
 * <p>Thread-safe when the delegate and the store are. Two threads that miss on the same text both embed it; that is
 * harmless because embedders are deterministic. {@link #close()} closes the delegate, not the store.
 */
public final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final VectorStore store;
  private final int batchSize;

  /**
   * Wraps an embedder.
   *
   * @param delegate the embedder that computes misses; this decorator owns and closes it
   * @param store where vectors are kept
   * @param batchSize how many misses to send to the delegate per call; at least 1
   */
  public CachingEmbedder(Embedder delegate, VectorStore store, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.store = Objects.requireNonNull(store, "store");
    this.batchSize = batchSize;
  }

  /**
   * Builds the store key of a text: the embedder id, {@code '#'}, and the lowercase hex SHA-256 of the UTF-8 text. The
   * hash has a fixed length of 64, so the key is unambiguous whatever characters the id contains.
   *
   * @param embedderId the {@link Embedder#id()} of the model
   * @param text the text
   * @return for example {@code local:all-minilm-l6-v2-q#9f86d08...}
   */
  public static String key(String embedderId, String text) {
    return embedderId + '#' + HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    String id = delegate.id();
    // Insertion order keeps the misses, and so the batches sent to the delegate, in first-occurrence order.
    Map<String, String> textByKey = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(texts.size());
    for (String text : texts) {
      String key = key(id, Objects.requireNonNull(text, "text"));
      keys.add(key);
      textByKey.putIfAbsent(key, text);
    }
    Map<String, float[]> vectors = new LinkedHashMap<>(store.getAll(textByKey.keySet()));
    List<String> missKeys = textByKey.keySet().stream().filter(k -> !vectors.containsKey(k)).toList();
    for (int from = 0; from < missKeys.size(); from += batchSize) {
      List<String> batchKeys = missKeys.subList(from, Math.min(missKeys.size(), from + batchSize));
      Map<String, float[]> batch = embedBatch(batchKeys, textByKey);
      store.putAll(batch);
      vectors.putAll(batch);
    }
    List<float[]> result = new ArrayList<>(keys.size());
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Integer first = firstIndex.putIfAbsent(keys.get(i), i);
      // The first occurrence takes the array; later occurrences of the same text get copies of it.
      result.add(first == null ? vectors.get(keys.get(i)) : result.get(first).clone());
    }
    return result;
  }

  private Map<String, float[]> embedBatch(List<String> batchKeys, Map<String, String> textByKey) {
    List<float[]> computed = delegate.embed(batchKeys.stream().map(textByKey::get).toList());
    if (computed.size() != batchKeys.size()) {
      throw new IllegalStateException(
          delegate.id() + " returned " + computed.size() + " vectors for " + batchKeys.size() + " texts");
    }
    Map<String, float[]> batch = new LinkedHashMap<>();
    for (int i = 0; i < batchKeys.size(); i++) {
      float[] v = computed.get(i);
      if (v.length != delegate.dimension()) {
        throw new IllegalStateException(
            delegate.id() + " returned a vector of length " + v.length + ", expected " + delegate.dimension());
      }
      batch.put(batchKeys.get(i), v);
    }
    return batch;
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
