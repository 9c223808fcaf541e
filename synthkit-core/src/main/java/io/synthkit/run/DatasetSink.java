package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Rejection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Where a method's results go: accepted records to {@code dataset.jsonl}, dropped items to {@code rejected.jsonl},
 * decisions to {@code events.jsonl}.
 *
 * <p>It is what makes resume exact. On open it reads what earlier sessions wrote; a method replaying its work from
 * the response cache emits the same records again, which are recognised by id and not written twice, and the records
 * of earlier sessions always count toward the target, so the dataset ends with exactly {@code target} records whatever
 * happened. A replayed record whose content differs from the stored one is counted as a divergence (a method that is
 * not deterministic) and reported.
 *
 * <p>Thread-safe.
 */
public final class DatasetSink implements AutoCloseable {

  private final Path dir;
  private final int target;
  private final String method;
  private final BooleanSupplier simulated;
  private final JsonlLog dataset;
  private final JsonlLog rejected;
  private final JsonlLog events;
  private final IdIndex earlierRecords = new IdIndex();
  private final IdIndex seenThisSession = new IdIndex();
  private final IdIndex rejectionKeys = new IdIndex();
  private final IdIndex eventKeys = new IdIndex();
  private final AtomicInteger rejectedCount = new AtomicInteger();
  private final Map<String, Integer> rejectedBySteps = new ConcurrentHashMap<>();
  private int accepted;
  private int divergences;
  private int replayed;

  DatasetSink(Path dir, int target, String method, BooleanSupplier simulated) {
    this.dir = dir;
    this.target = target;
    this.method = method;
    this.simulated = simulated;
    this.dataset = JsonlLog.open(dir.resolve(RunOutput.DATASET),
        n -> earlierRecords.putIfAbsent(n.path("id").asText(), Json.write(n).hashCode()));
    this.rejected = JsonlLog.open(dir.resolve(RunOutput.REJECTED), n -> {
      rejectionKeys.putIfAbsent(n.path("key").asText(), 0);
      rejectedCount.incrementAndGet();
      rejectedBySteps.merge(n.path("step").asText("?"), 1, Integer::sum);
    });
    this.events = JsonlLog.open(dir.resolve(RunOutput.EVENTS),
        n -> eventKeys.putIfAbsent(n.path("key").asText(), 0));
    this.accepted = earlierRecords.size();
  }

  /** Returns the run directory the sink writes to. */
  Path runDir() {
    return dir;
  }

  /**
   * Accepts a record unless the target is already reached.
   *
   * @param record the record; {@code meta.method} (and {@code meta.simulated} when it applies) are added
   * @return true if the record is part of the dataset (newly written, or written by an earlier session)
   * @throws IllegalStateException when a method emits the same id twice in one session
   */
  public synchronized boolean accept(DataRecord record) {
    if (!seenThisSession.putIfAbsent(record.id(), 0)) {
      throw new IllegalStateException("the method emitted record id " + record.id() + " twice");
    }
    ObjectNode line = line(record);
    Integer earlier = earlierRecords.get(record.id());
    if (earlier != null) {
      replayed++;
      if (earlier != Json.write(line).hashCode()) {
        divergences++;
      }
      return true;
    }
    if (accepted >= target) {
      return false;
    }
    dataset.append(line);
    accepted++;
    return true;
  }

  private ObjectNode line(DataRecord record) {
    ObjectNode meta = Json.object().put("method", method);
    meta.setAll(record.meta());
    if (simulated.getAsBoolean()) {
      meta.put("simulated", true);
    }
    ObjectNode line = Json.object().put("id", record.id());
    line.set("data", record.data());
    line.set("meta", meta);
    return line;
  }

  /**
   * Records a dropped item (once per key across sessions).
   *
   * @param rejection what was dropped and why
   */
  public void reject(Rejection rejection) {
    synchronized (rejectionKeys) {
      if (!rejectionKeys.putIfAbsent(rejection.key(), 0)) {
        return;
      }
    }
    ObjectNode line = (ObjectNode) Json.tree(rejection);
    line.put("method", method);
    rejected.appendRedacted(line);
    rejectedCount.incrementAndGet();
    rejectedBySteps.merge(rejection.step() == null ? "?" : rejection.step(), 1, Integer::sum);
  }

  /**
   * Returns how many items each step dropped, from this and earlier sessions.
   *
   * @return step to count, most first
   */
  Map<String, Integer> rejectedBySteps() {
    Map<String, Integer> out = new LinkedHashMap<>();
    rejectedBySteps.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Records a method decision (once per key across sessions).
   *
   * @param event the event
   */
  public void event(RunEvent event) {
    synchronized (eventKeys) {
      if (!eventKeys.putIfAbsent(event.key(), 0)) {
        return;
      }
    }
    events.appendRedacted(event.line());
  }

  /** @return records in the dataset, from this and earlier sessions */
  public synchronized int accepted() {
    return accepted;
  }

  /** @return rejections logged, from this and earlier sessions */
  public int rejected() {
    return rejectedCount.get();
  }

  /** @return true once the dataset holds {@code target} records */
  public synchronized boolean full() {
    return accepted >= target;
  }

  /** @return how many more records are needed */
  public synchronized int remaining() {
    return Math.max(0, target - accepted);
  }

  /** @return the target */
  public int target() {
    return target;
  }

  /** @return records of earlier sessions that this session's replay re-emitted */
  synchronized int replayed() {
    return replayed;
  }

  /** @return replayed records whose content differed from what an earlier session wrote */
  synchronized int divergences() {
    return divergences;
  }

  /** @return records an earlier session wrote (they count toward the target either way) */
  int earlier() {
    return earlierRecords.size();
  }

  long repairedBytes() {
    return dataset.repairedBytes() + rejected.repairedBytes() + events.repairedBytes();
  }

  @Override
  public void close() {
    dataset.close();
    rejected.close();
    events.close();
  }
}
