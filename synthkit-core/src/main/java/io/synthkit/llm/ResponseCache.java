package io.synthkit.llm;

import java.util.Optional;

/**
 * Stores every model response of a run under a key made of the full request and its sample key, so a resumed or
 * extended run replays completed work without calling the model again. Two implementations: the run's SQLite store
 * ({@code io.synthkit.run.StateStore}) and {@link #NONE}. Implementations are thread-safe and durable by the time
 * {@link #put} returns.
 */
public interface ResponseCache {

  /** A cache that remembers nothing (library use without a run directory, benchmarks). */
  ResponseCache NONE = new ResponseCache() {
    @Override
    public Optional<ChatResult> get(String key) {
      return Optional.empty();
    }

    @Override
    public void put(String key, Entry entry) {}
  };

  /**
   * A stored response with what it cost when it was made.
   *
   * @param role the role that made the call
   * @param stage the stage that made the call
   * @param callKey the caller's sample key (for people inspecting the cache)
   * @param result the response
   * @param charge what it cost, and the part paid for provider prompt-cache tokens
   */
  record Entry(String role, String stage, String callKey, ChatResult result, Price.Charge charge) {}

  /**
   * Looks a response up.
   *
   * @param key the request hash
   * @return the response, if this exact request was completed before
   */
  Optional<ChatResult> get(String key);

  /**
   * Stores a response; must be durable against a process kill when it returns.
   *
   * @param key the request hash
   * @param entry the response and its accounting
   */
  void put(String key, Entry entry);
}
