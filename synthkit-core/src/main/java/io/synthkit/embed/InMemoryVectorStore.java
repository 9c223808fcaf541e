package io.synthkit.embed;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link VectorStore} held in a {@link ConcurrentHashMap}. It is <b>unbounded</b>: it keeps every vector until it is
 * garbage collected, about {@code 4 * dimension + 250} bytes per entry (roughly 1.8 KB for 384 dimensions, so 100k
 * texts take about 180 MB). Use it for one process's lifetime; the run engine's SQLite store is the persistent choice.
 *
 * <p>Thread-safe. Vectors are copied on the way in and on the way out so no caller can change what another reads.
 */
public final class InMemoryVectorStore implements VectorStore {

  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryVectorStore() {}

  @Override
  public Map<String, float[]> getAll(Collection<String> keys) {
    Map<String, float[]> found = new HashMap<>();
    for (String key : keys) {
      float[] v = vectors.get(key);
      if (v != null) {
        found.put(key, v.clone());
      }
    }
    return found;
  }

  @Override
  public void putAll(Map<String, float[]> entries) {
    entries.forEach((key, v) -> vectors.put(key, v.clone()));
  }

  /**
   * Returns the number of stored vectors.
   *
   * @return the entry count
   */
  public int size() {
    return vectors.size();
  }
}
