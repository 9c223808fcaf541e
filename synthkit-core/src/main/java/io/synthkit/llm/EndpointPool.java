package io.synthkit.llm;

import io.synthkit.http.Circuit;
import io.synthkit.spi.CallFailedException;
import io.synthkit.spi.EndpointException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The servers of one role ({@code base_urls}: replicas of the same model), each an {@link Endpoint} with its own
 * concurrency limit, rate limits, adaptive limiter and circuit breaker. Each call goes to the endpoint with the fewest
 * calls in flight (waiting ones included), preferring endpoints whose circuit is closed; ties go round-robin from the
 * first listed. A call that fails there because the server failed (through all its retries), or because the endpoint
 * was found down, is sent to an endpoint it has not tried yet; only when every endpoint is down does the call throw
 * {@link EndpointException} (exit 3). A call the server refused for its content fails its item at once, as with one
 * server. A pool of one behaves exactly as that endpoint alone.
 *
 * <p>Thread-safe.
 */
final class EndpointPool {

  private final List<Endpoint> endpoints;
  private final AtomicInteger turn = new AtomicInteger();

  EndpointPool(List<Endpoint> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a pool needs an endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
  }

  /** The first endpoint: what the pool's calls share (adapter, structured-output mode, request encoding). */
  Endpoint primary() {
    return endpoints.get(0);
  }

  List<Endpoint> all() {
    return endpoints;
  }

  boolean simulated() {
    return endpoints.stream().anyMatch(Endpoint::simulated);
  }

  /**
   * Runs one call on the least busy endpoint, moving it to another when that one's server fails.
   *
   * @param call sends the call to the endpoint it is given
   * @param <T> the answer
   * @return the answer
   */
  <T> T send(Function<Endpoint, T> call) {
    Set<Endpoint> tried = new HashSet<>();
    RuntimeException last = null;
    CallFailedException failedOnAWorkingServer = null;
    while (true) {
      Endpoint e = pick(tried);
      if (e == null) {
        throw allFailed(last, failedOnAWorkingServer);
      }
      e.started();
      boolean ok = false;
      try {
        T out = call.apply(e);
        ok = true;
        return out;
      } catch (EndpointException down) {
        // Only an endpoint found down hands its calls on; a refused key or an unknown model is the config's mistake.
        if (endpoints.size() == 1 || e.circuitState() != Circuit.State.DOWN) {
          throw down;
        }
        last = down;
      } catch (CallFailedException failed) {
        if (endpoints.size() == 1 || !Endpoint.serverFailed(failed)) {
          throw failed;
        }
        last = failed;
        failedOnAWorkingServer = failed;
      } finally {
        e.ended(ok);
      }
      tried.add(e);
    }
  }

  /** The least loaded endpoint not tried yet and not down (closed circuits first); ties from a turning start. */
  private @Nullable Endpoint pick(Set<Endpoint> tried) {
    int n = endpoints.size();
    if (n == 1) {
      return tried.isEmpty() ? endpoints.get(0) : null;
    }
    int start = Math.floorMod(turn.getAndIncrement(), n);
    Endpoint best = null;
    boolean bestClosed = false;
    int bestLoad = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      Endpoint e = endpoints.get((start + i) % n);
      Circuit.State state = e.circuitState();
      if (state == Circuit.State.DOWN || tried.contains(e)) {
        continue;
      }
      boolean closed = state == Circuit.State.CLOSED;
      int load = e.inFlight();
      if (best == null || closed && !bestClosed || closed == bestClosed && load < bestLoad) {
        best = e;
        bestClosed = closed;
        bestLoad = load;
      }
    }
    return best;
  }

  /**
   * What a call throws when no endpoint is left to try: the run stops if all are down, else the item fails. A call can
   * fail on a server that still works and then find another one down: the last error is then the down one's, but the
   * run goes on, so the item fails with the working server's error.
   */
  private RuntimeException allFailed(@Nullable RuntimeException last, @Nullable CallFailedException onAWorkingServer) {
    boolean allDown = endpoints.stream().allMatch(e -> e.circuitState() == Circuit.State.DOWN);
    if (!allDown && onAWorkingServer != null) {
      return onAWorkingServer;
    }
    if (!allDown && last != null) {
      return last;
    }
    int status = last instanceof EndpointException ee ? ee.status() : 0;
    return new EndpointException("all " + endpoints.size() + " servers of " + primary().model() + " are down ("
        + String.join(", ", endpoints.stream().map(Endpoint::url).toList()) + ")"
        + (last == null ? "" : "; the last: " + last.getMessage()), status);
  }
}
