package io.synthkit.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects one endpoint's calls into batch jobs and hands each caller its own result. A call waits in the queue until
 * {@code batch_max_requests} calls are waiting or {@code batch_window} has passed since the first one; then the waiting
 * calls go up as one job. The job's id and its requests' custom_ids are journaled before it is polled, so a rerun
 * whose call has a journaled custom_id waits on that job (adopts it) instead of submitting the request again. Each job
 * is polled on its own virtual thread every {@code batch_poll_seconds} until it ends, then its results are matched to
 * the waiting calls by custom_id. Thread-safe.
 */
final class BatchQueue {

  private static final Logger LOG = LoggerFactory.getLogger(BatchQueue.class);

  private final BatchApi api;
  private final BatchJournal journal;
  private final BatchStats stats;
  private final String label;
  private final int max;
  private final Duration window;
  private final Duration poll;
  private final boolean logJobs;
  private final Map<String, CompletableFuture<BatchApi.Result>> pending = new LinkedHashMap<>(); // guarded by this
  private final Map<String, ObjectNode> bodies = new HashMap<>(); // guarded by this
  private final Map<String, String> keys = new HashMap<>(); // guarded by this
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private boolean timerRunning; // guarded by this
  private final Map<String, Optional<String>> intents = new ConcurrentHashMap<>();
  private static final String PENDING = "pending:";

  BatchQueue(BatchApi api, BatchJournal journal, BatchStats stats, String label, ModelConfig config) {
    this(api, journal, stats, label, config.batchMaxRequestsOrDefault(),
        Duration.ofMillis(Math.round(config.batchWindowOrDefault() * 1000)),
        Duration.ofMillis(Math.round(config.batchPollSecondsOrDefault() * 1000)), true);
  }

  /**
   * A queue with explicit settings; {@code logJobs} false keeps its jobs out of the log below debug level (a fan-out
   * starts one every window, and a provider batch is worth a line only because it is rare and slow).
   */
  BatchQueue(BatchApi api, BatchJournal journal, BatchStats stats, String label, int max, Duration window,
      Duration poll, boolean logJobs) {
    this.api = api;
    this.journal = journal;
    this.stats = stats;
    this.label = label;
    this.max = max;
    this.window = window;
    this.poll = poll;
    this.logJobs = logJobs;
  }

  /**
   * Queues a request (or finds it in a journaled job) and returns its future result.
   *
   * @param customId the request's id, the same for the same request in every session
   * @param body the request body
   * @return the result once its job ended
   */
  CompletableFuture<BatchApi.Result> submit(String customId, ObjectNode body) {
    return submit(customId, "", body);
  }

  /**
   * Queues a request with its sample key (which a fan-out sends along) and returns its future result.
   *
   * @param customId the request's id, the same for the same request in every session
   * @param key the call's sample key
   * @param body the request body
   * @return the result once its job ended
   */
  CompletableFuture<BatchApi.Result> submit(String customId, String key, ObjectNode body) {
    Optional<String> journaled = journal.get("req/" + customId).flatMap(this::resolve);
    if (journaled.isPresent()) {
      return job(journaled.get(), true).waitFor(customId);
    }
    Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> full = null;
    CompletableFuture<BatchApi.Result> future;
    synchronized (this) {
      future = pending.get(customId);
      if (future != null) {
        return future; // the same request twice at once: one line, one answer for both
      }
      future = new CompletableFuture<>();
      pending.put(customId, future);
      bodies.put(customId, body);
      keys.put(customId, key);
      if (pending.size() >= max) {
        full = take();
      } else if (!timerRunning) {
        timerRunning = true;
        Thread.ofVirtual().name("synthkit-batch-window").start(this::afterWindow);
      }
    }
    if (full != null) {
      Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> lines = full;
      Thread.ofVirtual().name("synthkit-batch-submit").start(() -> send(lines));
    }
    return future;
  }

  /**
   * A journaled batch id, or for a request journaled only as about to be submitted ({@code pending:<intent>}), the
   * batch the provider created with that intent (empty when none was created: the request is submitted again).
   */
  private Optional<String> resolve(String journaled) {
    if (!journaled.startsWith(PENDING)) {
      return Optional.of(journaled);
    }
    return intents.computeIfAbsent(journaled.substring(PENDING.length()), api::find);
  }

  private void afterWindow() {
    try {
      Thread.sleep(window);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> lines;
    synchronized (this) {
      timerRunning = false;
      lines = take();
    }
    if (!lines.isEmpty()) {
      send(lines);
    }
  }

  /** Takes every waiting request off the queue with its caller's future (the caller holds the lock). */
  private Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> take() {
    Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> taken = new LinkedHashMap<>();
    // Every pending id was put in bodies with it, under the same lock.
    pending.forEach((id, f) -> taken.put(new BatchApi.Line(id, Objects.requireNonNull(bodies.get(id), id),
        keys.getOrDefault(id, "")), f));
    pending.clear();
    bodies.clear();
    keys.clear();
    return taken;
  }

  private void send(Map<BatchApi.Line, CompletableFuture<BatchApi.Result>> taken) {
    List<BatchApi.Line> lines = new ArrayList<>(taken.keySet());
    Map<String, CompletableFuture<BatchApi.Result>> waiting = new LinkedHashMap<>();
    taken.forEach((l, f) -> waiting.put(l.customId(), f));
    String id;
    try {
      // Journaled first: killed between the provider's create and the id's journal write, a rerun finds the batch by
      // this key instead of submitting it again (where the API stores it).
      String intent = "i" + BatchRoute.sha(String.join(",", waiting.keySet())).substring(0, 40);
      Map<String, String> before = new LinkedHashMap<>();
      lines.forEach(l -> before.put("req/" + l.customId(), PENDING + intent));
      journal.putAll(before);
      id = api.submit(lines, intent);
      Map<String, String> entries = new LinkedHashMap<>();
      lines.forEach(l -> entries.put("req/" + l.customId(), id));
      entries.put("ids", stats.allIdsWith(id));
      entries.put("job/" + id, Json.write(Json.object().put("state", "submitted").put("requests", lines.size())
          .put("endpoint", label)));
      journal.putAll(entries); // before the first poll: a rerun adopts this job from here on
    } catch (RuntimeException e) {
      waiting.values().forEach(f -> f.completeExceptionally(e));
      return;
    }
    log("{}: submitted batch {} with {} requests", label, id, lines.size());
    Job job = job(id, false);
    waiting.forEach(job::attach);
  }

  private void log(String format, Object... args) {
    if (logJobs) {
      LOG.info(format, args);
    } else {
      LOG.debug(format, args);
    }
  }

  private Job job(String id, boolean adopted) {
    return jobs.computeIfAbsent(id, k -> {
      Job j = new Job(k);
      stats.submitted(k);
      if (adopted) {
        log("{}: adopting batch {} an earlier session submitted", label, k);
      }
      Thread.ofVirtual().name("synthkit-batch-poll").start(j::run);
      return j;
    });
  }

  /** One provider batch job and the calls waiting on it. */
  private final class Job {
    private final String id;
    private final Map<String, CompletableFuture<BatchApi.Result>> waiters = new HashMap<>(); // guarded by this
    private @Nullable Map<String, BatchApi.Result> results; // guarded by this
    private @Nullable RuntimeException failure; // guarded by this

    Job(String id) {
      this.id = id;
    }

    CompletableFuture<BatchApi.Result> waitFor(String customId) {
      CompletableFuture<BatchApi.Result> f = new CompletableFuture<>();
      attach(customId, f);
      return f;
    }

    synchronized void attach(String customId, CompletableFuture<BatchApi.Result> f) {
      Map<String, BatchApi.Result> done = results;
      if (failure != null) {
        f.completeExceptionally(failure);
      } else if (done != null) {
        f.complete(result(done, customId));
      } else {
        waiters.merge(customId, f, (a, b) -> {
          a.whenComplete((r, e) -> {
            if (e != null) {
              b.completeExceptionally(e);
            } else {
              b.complete(r);
            }
          });
          return a;
        });
      }
    }

    private BatchApi.Result result(Map<String, BatchApi.Result> results, String customId) {
      return results.getOrDefault(customId, new BatchApi.Result(null, "batch " + id + " did not report it"));
    }

    void run() {
      Map<String, BatchApi.Result> got;
      try {
        BatchApi.State state = api.poll(id);
        while (!state.ended()) {
          Thread.sleep(poll);
          state = api.poll(id);
        }
        got = api.results(state);
        journal.putAll(Map.of("job/" + id, Json.write(Json.object().put("state", state.status())
            .put("requests", got.size()).put("endpoint", label))));
        log("{}: batch {} ended {} with {} results", label, id, state.status(), got.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(new java.util.concurrent.CancellationException("stopped polling batch " + id));
        return;
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      // The job counts as done before any caller gets its answer: whoever holds every answer sees no batch running.
      stats.done(id);
      synchronized (this) {
        results = got;
        waiters.forEach((cid, f) -> f.complete(result(got, cid)));
        waiters.clear();
      }
    }

    private synchronized void fail(RuntimeException e) {
      stats.done(id); // before the callers hear of it, as in run()
      failure = e;
      waiters.values().forEach(f -> f.completeExceptionally(e));
      waiters.clear();
      jobs.remove(id); // a later call may adopt it again
    }
  }
}
