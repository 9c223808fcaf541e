package io.synthkit.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's batch jobs, for progress and the manifest: every job's id and whether it is running or done, and how
 * many requests went through batches or fell back to direct calls. Thread-safe.
 */
public final class BatchStats {

  private final Map<String, Boolean> jobs = new LinkedHashMap<>();
  private final java.util.Set<String> earlier = new java.util.LinkedHashSet<>();
  private long batched;
  private long fellBack;
  private int waiting;

  /** Batch ids earlier sessions of the run journaled (comma-separated), kept for the manifest. */
  synchronized void earlier(String ids) {
    for (String id : ids.split(",")) {
      if (!id.isBlank()) {
        earlier.add(id);
      }
    }
  }

  /** Every id, earlier sessions' first, with one more, comma-separated: the journal's run-wide list. */
  synchronized String allIdsWith(String id) {
    java.util.Set<String> all = new java.util.LinkedHashSet<>(earlier);
    all.addAll(jobs.keySet());
    all.add(id);
    return String.join(",", all);
  }

  synchronized void submitted(String id) {
    jobs.putIfAbsent(id, false);
  }

  synchronized void done(String id) {
    jobs.put(id, true);
  }

  /** A request joined a batch queue or job and waits for its result. */
  synchronized void waiting() {
    waiting++;
  }

  /** A waiting request got its result (or its batch failed). */
  synchronized void stoppedWaiting() {
    waiting--;
  }

  synchronized void answered() {
    batched++;
  }

  synchronized void fellBack() {
    fellBack++;
  }

  /**
   * A snapshot of the counts.
   *
   * @param submitted batch jobs this session submitted or adopted
   * @param inProgress of those, still running
   * @param done of those, ended
   * @param batched requests answered through a batch
   * @param fellBack requests a batch failed or expired, sent again directly
   * @param waiting requests now waiting in a queue or a running job
   * @param ids every batch job id of the run, earlier sessions' included, in the order seen
   */
  public record Snapshot(int submitted, int inProgress, int done, long batched, long fellBack, int waiting,
      List<String> ids) {

    /** Copies the list. */
    public Snapshot {
      ids = List.copyOf(ids);
    }

    /**
     * Returns the progress-line text: jobs by state, then requests by state, e.g.
     * {@code batches 3 (1 running, 2 done), requests 12 waiting, 40 answered, 2 direct}.
     *
     * @return the text, empty when no batch was sent
     */
    public String line() {
      return submitted == 0 ? "" : "batches " + submitted + " (" + inProgress + " running, " + done + " done), requests "
          + waiting + " waiting, " + batched + " answered, " + fellBack + " direct";
    }
  }

  /**
   * Returns the counts now.
   *
   * @return the snapshot
   */
  public synchronized Snapshot snapshot() {
    int done = (int) jobs.values().stream().filter(d -> d).count();
    java.util.Set<String> all = new java.util.LinkedHashSet<>(earlier);
    all.addAll(jobs.keySet());
    return new Snapshot(jobs.size(), jobs.size() - done, done, batched, fellBack, waiting, new ArrayList<>(all));
  }
}
