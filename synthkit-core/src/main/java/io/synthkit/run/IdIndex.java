package io.synthkit.run;

import org.jspecify.annotations.Nullable;

/**
 * A compact map from record ids to 32-bit content hashes, keyed by a 64-bit hash of the id (open addressing over
 * primitive arrays: 12 bytes per entry at load 0.5, instead of ~80 for a {@code HashMap<String, Integer>}). It lets the
 * dataset sink recognise ids across millions of records without its heap growing with the dataset. Two different ids
 * share a 64-bit hash with probability about n²/2⁶⁵ (≈3·10⁻⁸ for a million records). Not thread-safe.
 */
final class IdIndex {

  private static final long EMPTY = 0L;
  private long[] keys = new long[1024];
  private int[] values = new int[1024];
  private int size;

  /** Associates an id with a value; returns false when the id was already present (the value is not replaced). */
  boolean putIfAbsent(String id, int value) {
    long k = hash(id);
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = find(keys, k);
    if (keys[slot] == k) {
      return false;
    }
    keys[slot] = k;
    values[slot] = value;
    size++;
    return true;
  }

  /** Returns the value stored for an id, or {@code null}. */
  @Nullable Integer get(String id) {
    long k = hash(id);
    int slot = find(keys, k);
    return keys[slot] == k ? values[slot] : null;
  }

  int size() {
    return size;
  }

  private static int find(long[] table, long k) {
    int mask = table.length - 1;
    int i = (int) (k ^ (k >>> 32)) & mask;
    while (table[i] != EMPTY && table[i] != k) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = find(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  /** 64-bit FNV-1a over the UTF-16 code units, finished with a SplitMix64 avalanche; never 0 (the empty marker). */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      h = (h ^ id.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h == EMPTY ? 1 : h;
  }
}
