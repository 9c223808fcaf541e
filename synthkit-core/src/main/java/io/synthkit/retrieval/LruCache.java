package io.synthkit.retrieval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small least-recently-used map, so that an in-memory cache of a long run stays bounded. Thread-safe (every method
 * locks the map; entries are tiny and lookups rare next to an HTTP request).
 */
final class LruCache<K, V> {

  private final LinkedHashMap<K, V> map;

  LruCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Returns the value, or {@code null} when absent, marking it recently used. */
  synchronized @Nullable V get(K key) {
    return map.get(key);
  }

  synchronized void put(K key, V value) {
    map.put(key, value);
  }

  synchronized int size() {
    return map.size();
  }
}
