package io.synthkit.llm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the gateway journals its batch jobs before it polls them: which provider batch holds which request (by
 * custom_id) and how far each batch got. A run's state store implements it, so a run killed while a batch runs adopts
 * that batch when it runs again instead of paying for it twice.
 */
public interface BatchJournal {

  /**
   * Returns a journal kept in memory (a gateway outside a run, and tests).
   *
   * @return a new, empty journal
   */
  static BatchJournal memory() {
    Map<String, String> map = new ConcurrentHashMap<>();
    return new BatchJournal() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
      }

      @Override
      public void putAll(Map<String, String> entries) {
        map.putAll(entries);
      }
    };
  }

  /**
   * Reads one entry.
   *
   * @param key the key
   * @return the value, if journaled
   */
  Optional<String> get(String key);

  /**
   * Writes entries durably, all or none.
   *
   * @param entries key to value
   */
  void putAll(Map<String, String> entries);
}
