package io.synthkit.dedup;

import java.util.Arrays;

/**
 * Open-addressing hash map from a band key (long) to the head of a linked list of entries (int), for
 * {@link MinHashLsh}. Two primitive arrays instead of a {@code HashMap<Long, List<Integer>>}: about 12 bytes per slot
 * instead of ~80 per entry, which is what keeps an index of a million texts within a few hundred MB. Not thread-safe.
 */
final class BandTable {

  private long[] keys;
  private int[] heads;
  private int size;
  private int mask;

  BandTable(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    heads = new int[capacity];
    Arrays.fill(heads, -1);
    mask = capacity - 1;
  }

  /** Returns the head stored for key, or −1. */
  int get(long key) {
    for (int slot = slot(key); ; slot = (slot + 1) & mask) {
      if (heads[slot] < 0) {
        return -1;
      }
      if (keys[slot] == key) {
        return heads[slot];
      }
    }
  }

  /** Stores head for key (head ≥ 0), replacing any previous head. */
  void put(long key, int head) {
    int slot = slot(key);
    while (heads[slot] >= 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    if (heads[slot] < 0) {
      size++;
    }
    keys[slot] = key;
    heads[slot] = head;
    if (size * 4L > keys.length * 3L) {
      grow();
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldHeads = heads;
    allocate(keys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] >= 0) {
        put(oldKeys[i], oldHeads[i]);
      }
    }
  }

  private int slot(long key) {
    // Keys are already mixed 64-bit hashes; fold the halves so both contribute.
    return (int) (key ^ (key >>> 32)) & mask;
  }
}
