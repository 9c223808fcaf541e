package io.synthkit.llm;

import io.synthkit.json.Json;
import io.synthkit.spi.CallFanOut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calls of one endpoint that gathered in a {@link BatchQueue}'s window, answered by a {@link CallFanOut} (a
 * cluster's executors) as one job. A job lives only as long as this driver: nothing here outlives it, so the queue
 * that uses this journals in memory; the executors keep every answer under its request id, which is what spares a
 * rerun (or a retried task) from paying for an answer twice.
 */
final class FanOutBatchApi implements BatchApi {

  private final CallFanOut fanOut;
  private final String role;
  private final String url;
  private final AtomicLong next = new AtomicLong();
  private final Map<String, CompletableFuture<List<CallFanOut.Answer>>> jobs = new ConcurrentHashMap<>();

  /**
   * @param fanOut where the calls go
   * @param role the role whose settings the executors send with
   * @param url the server's base URL as it may be shown (no user-info), or empty for the provider's own API
   */
  FanOutBatchApi(CallFanOut fanOut, String role, String url) {
    this.fanOut = fanOut;
    this.role = role;
    this.url = url;
  }

  @Override
  public String submit(List<Line> lines, String intent) {
    List<CallFanOut.Call> calls = lines.stream()
        .map(l -> new CallFanOut.Call(l.customId(), role, url, Json.write(l.body()), l.key())).toList();
    String id = "fanout-" + next.incrementAndGet();
    jobs.put(id, CompletableFuture.supplyAsync(() -> fanOut.send(calls),
        r -> Thread.ofVirtual().name("synthkit-fanout").start(r)));
    return id;
  }

  @Override
  public Optional<String> find(String intent) {
    return Optional.empty(); // a fan-out job does not outlive the driver that started it
  }

  /** Waits for the job: there is nothing to poll for, the fan-out answers when every call has its answer. */
  @Override
  public State poll(String id) {
    CompletableFuture<List<CallFanOut.Answer>> job = jobs.get(id);
    if (job == null) {
      return new State(true, "unknown", Json.object().put("id", id));
    }
    try {
      job.get();
      return new State(true, "completed", Json.object().put("id", id));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for " + fanOut.describe());
    } catch (ExecutionException e) {
      return new State(true, "failed", Json.object().put("id", id).put("error", String.valueOf(e.getCause())));
    }
  }

  @Override
  public Map<String, Result> results(State state) {
    CompletableFuture<List<CallFanOut.Answer>> job = jobs.remove(state.job().path("id").asText());
    Map<String, Result> out = new HashMap<>();
    if (job == null || job.isCompletedExceptionally()) {
      return out; // every call falls back to a direct one
    }
    for (CallFanOut.Answer a : job.join()) {
      out.put(a.id(), result(a));
    }
    return out;
  }

  private static Result result(CallFanOut.Answer a) {
    if (a.body() == null) {
      return new Result(null, a.error() == null ? "no answer" : a.error(), a.retries(), false);
    }
    try {
      return new Result(Json.parse(a.body()), null, a.retries(), a.simulated());
    } catch (RuntimeException e) {
      return new Result(null, "an unreadable answer: " + e.getMessage(), a.retries(), false);
    }
  }
}
