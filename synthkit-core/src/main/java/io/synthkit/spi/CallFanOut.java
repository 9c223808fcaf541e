package io.synthkit.spi;

import java.io.Serializable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sends a run's model calls to other machines instead of from this JVM: a method stays on the driver (its loop, its
 * state, its training steps) while the calls of each step are answered on a cluster's executors, each with its own
 * connections, rate limits and retries. The gateway still caches, meters and budgets every call on the driver; what
 * comes back is parsed exactly as a direct reply. synthkit-spark provides the one engine; set it with
 * {@code RunOptions.withFanOut}.
 *
 * <p>A call the fan-out reports as failed is sent again directly by the driver, which is also where request-shape
 * fixes (a parameter the server refuses) are learned.
 */
public interface CallFanOut {

  /**
   * One model request, as the driver would have sent it.
   *
   * @param id the request's id, the same for the same request in every session (an executor keeps answers under it,
   *     so a retried task or a rerun does not pay for an answer twice)
   * @param role the model role whose settings (key, headers, limits) the executor uses
   * @param url the server's base URL the driver picked for it (one of the role's {@code base_urls})
   * @param body the JSON request body
   * @param key the call's sample key (sent as a header, as for direct calls)
   */
  record Call(String id, String role, String url, String body, String key) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What became of one call.
   *
   * @param id the call's id
   * @param body the server's JSON reply, or {@code null} when the call failed
   * @param error why it failed (after the executor's retries), or {@code null}
   * @param retries attempts the executor repeated, for the driver's retry count
   * @param simulated whether the server said its content is simulated (synthkit's simulator does, in a header that
   *     the body does not carry)
   */
  record Answer(String id, @Nullable String body, @Nullable String error, int retries, boolean simulated)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Answers a group of calls, blocking until every one has an answer or an error. Called from several threads at
   * once (one per server the method talks to).
   *
   * @param calls the calls
   * @return one answer per call, in any order; a call without an answer counts as failed
   */
  List<Answer> send(List<Call> calls);

  /**
   * Names the engine and where it runs, for notices.
   *
   * @return for example {@code spark local[2]}
   */
  String describe();
}
